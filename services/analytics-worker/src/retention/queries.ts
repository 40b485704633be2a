// member_retention: one row per membership (a member_joined event), with what became of it by as-of.
import { CLASSIFIED_MESSAGES } from '../activity/classify.js';
import { isBot, isStaff } from '../activity/accounts.js';
import { AS_OF_DAY, IN_GROUPS } from '../activity/scope.js';

/** A member who spoke before and has been silent this long, without leaving, has silently churned. */
export const SILENT_CHURN_DAYS = 14;
/**
 * Memberships begun this many days before as-of are rebuilt on each recompute; older rows keep
 * their last computation (their day-1/7/30 windows closed long ago).
 */
export const RETENTION_REBUILD_DAYS = 120;

const KEY = 'tenant_id, platform, group_id';
const AS_OF = `fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;
const NONE = `toDateTime64(0, 3, 'UTC')`;

/** Retained at day N: the window is over, the member was still in at its end and spoke within it. */
const retained = (days: number) => `
  if(joined_at + INTERVAL ${days} DAY > ${AS_OF}, NULL,
     toUInt8(arrayExists(t -> t > joined_at AND t <= joined_at + INTERVAL ${days} DAY, spoke)
             AND (left_at = ${NONE} OR left_at > joined_at + INTERVAL ${days} DAY)))`;

export const MEMBER_RETENTION = `
  INSERT INTO member_retention
    (tenant_id, platform, group_id, member_id, joined_at, join_week, join_via, inviter_id, left_at,
     first_spoke_at, last_spoke_at, retained_d1, retained_d7, retained_d30, churned, silent_churned, as_of)
  SELECT tenant_id, platform, group_id, member_id, joined_at, toMonday(joined_at, {tz:String}) AS join_week, join_via, inviter_id,
         if(left_at = ${NONE}, NULL, left_at) AS left_at_n,
         if(length(spoke) = 0, NULL, arrayMin(spoke)) AS first_spoke_at,
         if(length(spoke) = 0, NULL, arrayMax(spoke)) AS last_spoke_at,
         ${retained(1)} AS retained_d1,
         ${retained(7)} AS retained_d7,
         ${retained(30)} AS retained_d30,
         toUInt8(left_at != ${NONE}) AS churned,
         toUInt8(left_at = ${NONE} AND length(spoke) > 0 AND arrayMax(spoke) < ${AS_OF} - INTERVAL ${SILENT_CHURN_DAYS} DAY) AS silent_churned,
         ${AS_OF_DAY} AS as_of
  FROM (
    SELECT j.tenant_id AS tenant_id, j.platform AS platform, j.group_id AS group_id, j.member_id AS member_id,
           j.joined_at AS joined_at, j.join_via AS join_via, j.inviter_id AS inviter_id,
           arrayFirst(t -> t > j.joined_at, arraySort(l.leaves)) AS left_at,
           arrayFilter(t -> t >= j.joined_at AND (left_at = ${NONE} OR t <= left_at), m.times) AS spoke
    FROM (
      SELECT ${KEY}, member_id, occurred_at AS joined_at, join_via, inviter_id FROM membership_events FINAL
      WHERE ${IN_GROUPS} AND type = 'member_joined' AND occurred_at <= ${AS_OF}
        AND occurred_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
        -- Bots and staff are not the community's members: their stay is no retention.
        AND NOT ${isBot()} AND NOT ${isStaff()}
    ) AS j
    LEFT JOIN (
      SELECT ${KEY}, member_id, groupArray(occurred_at) AS leaves FROM membership_events FINAL
      WHERE ${IN_GROUPS} AND type = 'member_left' AND occurred_at <= ${AS_OF} GROUP BY ${KEY}, member_id
    ) AS l ON l.tenant_id = j.tenant_id AND l.platform = j.platform AND l.group_id = j.group_id AND l.member_id = j.member_id
    LEFT JOIN (
      SELECT ${KEY}, member_id, groupArray(occurred_at) AS times FROM (${CLASSIFIED_MESSAGES})
      WHERE cls = 'human' GROUP BY ${KEY}, member_id
    ) AS m ON m.tenant_id = j.tenant_id AND m.platform = j.platform AND m.group_id = j.group_id AND m.member_id = j.member_id
  )`;

/** The retention a group's health reads: memberships begun in the 90 days before as-of. */
export const RETENTION_SUMMARY = `
  SELECT ${KEY},
         count() AS memberships,
         countIf(retained_d7 IS NOT NULL) AS eligible_d7,
         countIf(retained_d7 = 1) AS kept_d7,
         countIf(retained_d30 IS NOT NULL) AS eligible_d30,
         countIf(retained_d30 = 1) AS kept_d30,
         countIf(churned = 1) AS left_members,
         countIf(silent_churned = 1) AS silent_members
  FROM member_retention FINAL
  WHERE ${IN_GROUPS}
    AND as_of = ${AS_OF_DAY}
    AND joined_at > ${AS_OF} - INTERVAL 90 DAY AND joined_at <= ${AS_OF}
  GROUP BY ${KEY}`;

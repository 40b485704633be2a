// What the segment rules read, for every member of the scope's groups, per group and across the
// tenant's groups of the scope (group_id '' in the second grouping set), in one pass over a bounded
// window of classified messages (SEGMENT_LOOKBACK_DAYS).
import { CLASSIFIED_MESSAGES } from '../activity/classify.js';
import { isBot, isStaff, KOL_SNAPSHOT_MAX_AGE_DAYS } from '../activity/accounts.js';
import { AS_OF_DAY, IN_GROUPS } from '../activity/scope.js';

const KEY = 'tenant_id, platform, group_id';
const AS_OF = `fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;
const NONE = `toDateTime64(0, 3, 'UTC')`;
/** The 28 days before the last 28. */
const prior = (at: string) => `${at} > ${AS_OF} - INTERVAL 56 DAY AND ${at} <= ${AS_OF} - INTERVAL 28 DAY`;

/**
 * Per member and group, and per member across the groups: first seen, whether they left (every
 * group, tenant-wide), whether they are a bot or staff, messages in the last 14 / 28 days and the
 * 28 before, days they spoke on, their last message, and how many others answered them in 28 days.
 * Members who left before the lookback are not read (they churned long ago).
 */
export const MEMBER_SEGMENT_INPUTS = `
  SELECT ${KEY}, member_id,
         toUnixTimestamp64Milli(min(first_at)) AS first_seen_at,
         min(left) AS left, max(bot) AS bot, max(staff) AS staff,
         sumIf(n, at > ${AS_OF} - INTERVAL 14 DAY) AS messages_14d,
         sumIf(n, at > ${AS_OF} - INTERVAL 28 DAY) AS messages_28d,
         sumIf(n, ${prior('at')}) AS messages_prior_28d,
         uniqExactIf(day, n = 1 AND at > ${AS_OF} - INTERVAL 28 DAY) AS days_28d,
         uniqExactIf(day, n = 1 AND ${prior('at')}) AS days_prior_28d,
         toUnixTimestamp64Milli(maxIf(at, n = 1)) AS last_spoke_at,
         uniqExactIf(replier, replier != '') AS repliers_28d
  FROM (
    SELECT p.tenant_id AS tenant_id, p.platform AS platform, p.group_id AS group_id, p.member_id AS member_id,
           p.first_at AS first_at, p.left AS left, p.bot AS bot, p.staff AS staff,
           e.day AS day, e.at AS at, e.n AS n, e.replier AS replier
    FROM (
      SELECT f.tenant_id AS tenant_id, f.platform AS platform, f.group_id AS group_id, f.member_id AS member_id, f.first_at AS first_at,
             toUInt8(l.last_leave > ${NONE} AND l.last_leave >= l.last_join) AS left, l.last_leave AS last_leave,
             toUInt8(${isBot('f.tenant_id', 'f.member_id')}) AS bot, toUInt8(${isStaff('f.tenant_id', 'f.member_id')}) AS staff
      FROM (
        SELECT ${KEY}, member_id, min(first_at) AS first_at FROM member_first_seen WHERE ${IN_GROUPS}
        GROUP BY ${KEY}, member_id HAVING first_at <= ${AS_OF}
      ) AS f
      LEFT JOIN (
        SELECT ${KEY}, member_id, maxIf(occurred_at, type = 'member_left') AS last_leave, maxIf(occurred_at, type = 'member_joined') AS last_join
        FROM membership_events FINAL WHERE ${IN_GROUPS} AND occurred_at <= ${AS_OF} GROUP BY ${KEY}, member_id
      ) AS l ON l.tenant_id = f.tenant_id AND l.platform = f.platform AND l.group_id = f.group_id AND l.member_id = f.member_id
      WHERE NOT (left = 1 AND last_leave < ${AS_OF} - INTERVAL {lookbackDays:UInt32} DAY)
    ) AS p
    LEFT JOIN (
      -- One pass over the classified window: each message is a message of its author (members
      -- only) and, when it answers someone else in the last 28 days, an answer to them.
      SELECT ${KEY}, x.1 AS member_id, day, at, x.2 AS n, x.3 AS replier FROM (
        SELECT ${KEY}, day, occurred_at AS at,
               arrayConcat(
                 if(cls = 'human', [(member_id, toUInt8(1), '')], []),
                 if(reply_member != '' AND reply_member != member_id AND occurred_at > ${AS_OF} - INTERVAL 28 DAY,
                    [(reply_member, toUInt8(0), member_id)], [])) AS xs
        FROM (${CLASSIFIED_MESSAGES}) WHERE cls IN ('human', 'staff'))
      ARRAY JOIN xs AS x
    ) AS e ON e.tenant_id = p.tenant_id AND e.platform = p.platform AND e.group_id = p.group_id AND e.member_id = p.member_id
  )
  GROUP BY GROUPING SETS ((tenant_id, platform, group_id, member_id), (tenant_id, platform, member_id))`;

/** Group ranks on each group's latest KOL snapshot, and tenant-wide ranks (group_id '') on the tenant's latest. */
export const KOL_RANKS = `
  SELECT ${KEY}, member_id, rank FROM member_kol_daily FINAL
  WHERE ${IN_GROUPS} AND rank > 0 AND rank <= {kolTopRank:UInt32} AND (${KEY}, day) IN (
    SELECT ${KEY}, max(day) FROM member_kol_daily WHERE ${IN_GROUPS}
      AND day <= ${AS_OF_DAY} AND day > ${AS_OF_DAY} - ${KOL_SNAPSHOT_MAX_AGE_DAYS} GROUP BY ${KEY})
  UNION ALL
  SELECT tenant_id, platform, '' AS group_id, member_id, rank FROM tenant_kol_daily FINAL
  WHERE tenant_id IN {tenants:Array(String)} AND platform IN {platforms:Array(String)} AND horizon = 'current' AND rank > 0 AND rank <= {tenantKolTopRank:UInt32}
    AND (tenant_id, day) IN (
      SELECT tenant_id, max(day) FROM tenant_kol_daily WHERE tenant_id IN {tenants:Array(String)} AND horizon = 'current'
        AND day <= ${AS_OF_DAY} AND day > ${AS_OF_DAY} - ${KOL_SNAPSHOT_MAX_AGE_DAYS} GROUP BY tenant_id)`;

/** Each scope's (group's, or the tenant's) segments on its latest judged day before this one, within 35 days. */
export const PREVIOUS_SEGMENTS = `
  SELECT ${KEY}, member_id, segment, toString(day) AS dkey FROM member_segment_daily FINAL
  WHERE tenant_id IN {tenants:Array(String)} AND platform IN {platforms:Array(String)}
    AND (group_id IN {groupIds:Array(String)} OR group_id = '')
    AND (${KEY}, day) IN (
      SELECT ${KEY}, max(day) FROM member_segment_daily
      WHERE tenant_id IN {tenants:Array(String)} AND platform IN {platforms:Array(String)}
        AND (group_id IN {groupIds:Array(String)} OR group_id = '')
        AND day < ${AS_OF_DAY} AND day >= ${AS_OF_DAY} - 35
      GROUP BY ${KEY})`;

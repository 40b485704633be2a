// Structure signals computed from chat_events, so health does not wait for the KOL tables:
// who carried the conversation before the last 7 days and whether they are gone, how many core
// members the group has, and how much one member dominates.
import { CLASSIFIED_MESSAGES } from '../activity/classify.js';
import { IN_GROUPS } from '../activity/scope.js';

const KEY = 'tenant_id, platform, group_id';
const AS_OF = `fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;

/**
 * Interactions (replies and mentions, given and received) per member in the 28 days before the
 * last 7: the members who carried the group before any recent change.
 */
export const PRIOR_INTERACTIONS = `
  SELECT ${KEY}, member_id, sum(n) AS interactions
  FROM (
    SELECT ${KEY}, member_id, 1 AS n FROM (${CLASSIFIED_MESSAGES})
    WHERE cls = 'human' AND occurred_at > ${AS_OF} - INTERVAL 35 DAY AND occurred_at <= ${AS_OF} - INTERVAL 7 DAY
      AND length(arrayFilter(x -> x != '' AND x != member_id, arrayPushBack(mentions, reply_member))) > 0
    UNION ALL
    SELECT ${KEY}, target AS member_id, 1 AS n FROM (${CLASSIFIED_MESSAGES})
    ARRAY JOIN arrayDistinct(arrayFilter(x -> x != '' AND x != member_id, arrayPushBack(mentions, reply_member))) AS target
    WHERE cls = 'human' AND occurred_at > ${AS_OF} - INTERVAL 35 DAY AND occurred_at <= ${AS_OF} - INTERVAL 7 DAY
  )
  GROUP BY ${KEY}, member_id`;

/**
 * Per member: last human message, whether and when they left (a leave no later join undid),
 * messages and distinct repliers in the last 28 days, and days they spoke on.
 */
export const MEMBER_PRESENCE = `
  SELECT p.tenant_id AS tenant_id, p.platform AS platform, p.group_id AS group_id, p.member_id AS member_id,
         toUnixTimestamp64Milli(p.last_leave) AS left_at, p.left AS left,
         toUnixTimestamp64Milli(s.last_spoke) AS last_spoke_at,
         s.messages_28d AS messages_28d, s.days_28d AS days_28d, r.repliers_28d AS repliers_28d
  FROM (
    SELECT f.tenant_id AS tenant_id, f.platform AS platform, f.group_id AS group_id, f.member_id AS member_id,
           e.last_leave AS last_leave, toUInt8(e.last_leave > toDateTime64(0, 3, 'UTC') AND e.last_leave >= e.last_join) AS left
    FROM (
      SELECT ${KEY}, member_id FROM member_first_seen WHERE ${IN_GROUPS}
      GROUP BY ${KEY}, member_id HAVING min(first_at) <= ${AS_OF}
    ) AS f
    LEFT JOIN (
      SELECT ${KEY}, member_id, maxIf(occurred_at, type = 'member_left') AS last_leave, maxIf(occurred_at, type = 'member_joined') AS last_join
      FROM membership_events FINAL WHERE ${IN_GROUPS} AND occurred_at <= ${AS_OF} GROUP BY ${KEY}, member_id
    ) AS e ON e.tenant_id = f.tenant_id AND e.platform = f.platform AND e.group_id = f.group_id AND e.member_id = f.member_id
  ) AS p
  LEFT JOIN (
    SELECT ${KEY}, member_id, max(occurred_at) AS last_spoke,
           countIf(occurred_at > ${AS_OF} - INTERVAL 28 DAY) AS messages_28d,
           uniqExactIf(day, occurred_at > ${AS_OF} - INTERVAL 28 DAY) AS days_28d
    FROM (${CLASSIFIED_MESSAGES}) WHERE cls = 'human' GROUP BY ${KEY}, member_id
  ) AS s ON s.tenant_id = p.tenant_id AND s.platform = p.platform AND s.group_id = p.group_id AND s.member_id = p.member_id
  LEFT JOIN (
    SELECT ${KEY}, reply_member AS answered_member, uniqExact(member_id) AS repliers_28d
    FROM (${CLASSIFIED_MESSAGES})
    WHERE cls IN ('human', 'staff') AND reply_member != '' AND reply_member != member_id AND occurred_at > ${AS_OF} - INTERVAL 28 DAY
    GROUP BY ${KEY}, reply_member
  ) AS r ON r.tenant_id = p.tenant_id AND r.platform = p.platform AND r.group_id = p.group_id AND r.answered_member = p.member_id`;

/** The last human message of each group in the scope's window (group_last_human keeps older ones). */
export const LAST_HUMAN_MESSAGE = `
  SELECT ${KEY}, toUnixTimestamp64Milli(max(occurred_at)) AS last_at
  FROM (${CLASSIFIED_MESSAGES}) WHERE cls = 'human' GROUP BY ${KEY}`;

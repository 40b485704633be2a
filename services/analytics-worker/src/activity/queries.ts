// The per-group, per-day aggregates behind group_activity_daily, one query per concern. Each
// returns rows keyed by (tenant_id, platform, group_id, day) for days from {from} to as-of.
import { CLASSIFIED_MESSAGES } from './classify.js';
import { isBot, isStaff } from './accounts.js';
import { AS_OF_DAY, IN_GROUPS, localDate } from './scope.js';

const KEY = 'tenant_id, platform, group_id';
const TO_DAY = AS_OF_DAY;
const UP_TO_AS_OF = `occurred_at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;

/** Joins and leaves of the scope's groups up to as-of (membership_events: a set keyed by event). */
const MEMBERSHIP_EVENTS = `SELECT * FROM membership_events FINAL WHERE ${IN_GROUPS} AND ${UP_TO_AS_OF}`;

/**
 * Message counts by class and speakers (distinct members of the community who spoke); `hourly` is
 * the day's human messages per tenant-local hour, as ([hours], [counts]).
 */
export const MESSAGE_COUNTS = `
  SELECT ${KEY}, toString(day) AS dkey,
         countIf(cls = 'human') AS human_messages,
         sumMapIf([toUInt8(toHour(occurred_at, {tz:String}))], [toUInt64(1)], cls = 'human') AS hourly,
         countIf(cls = 'staff') AS staff_messages,
         countIf(cls = 'bot') AS bot_messages,
         countIf(cls = 'system') AS system_messages,
         countIf(cls = 'ad') AS ad_messages,
         countIf(cls = 'red_packet') AS red_packet_messages,
         countIf(cls = 'red_packet_reply') AS red_packet_replies,
         uniqExactIf(member_id, cls = 'human') AS speakers
  FROM (${CLASSIFIED_MESSAGES})
  WHERE day >= {from:Date}
  GROUP BY ${KEY}, day`;

/**
 * Distinct human speakers in the 7 and 28 days ending on each day, and the mean daily speakers
 * over those 28 days: each speaking day counts toward the 28 days that follow it.
 */
export const ACTIVE_WINDOWS = `
  SELECT ${KEY}, toString(day) AS dkey,
         uniqExactIf(member_id, o < 7) AS active_7d,
         uniqExact(member_id) AS active_28d,
         count() / 28 AS mean_daily_speakers_28d
  FROM (
    SELECT ${KEY}, member_id, spoke + o AS day, o
    FROM (SELECT DISTINCT ${KEY}, member_id, day AS spoke FROM (${CLASSIFIED_MESSAGES}) WHERE cls = 'human')
    ARRAY JOIN range(28) AS o
  )
  WHERE day >= {from:Date} AND day <= ${TO_DAY}
  GROUP BY ${KEY}, day`;

/**
 * Answers to human messages by someone else (a member or staff), by the day of the answered message: how many were
 * answered, by how many distinct authors (content producers), and the median time to first answer.
 */
export const REPLIES = `
  SELECT o.tenant_id AS tenant_id, o.platform AS platform, o.group_id AS group_id, toString(o.day) AS dkey,
         count() AS answered,
         uniqExact(o.member_id) AS content_producers,
         quantileExact(0.5)(dateDiff('second', o.occurred_at, r.first_reply_at)) AS median_first_reply_s
  FROM (SELECT * FROM (${CLASSIFIED_MESSAGES}) WHERE cls = 'human' AND day >= {from:Date}) AS o
  INNER JOIN (
    SELECT ${KEY}, reply_to_event_id, reply_member, min(occurred_at) AS first_reply_at
    FROM (${CLASSIFIED_MESSAGES})
    WHERE cls IN ('human', 'staff') AND reply_to_event_id != '' AND reply_member != member_id
    GROUP BY ${KEY}, reply_to_event_id, reply_member
  ) AS r ON r.tenant_id = o.tenant_id AND r.platform = o.platform AND r.group_id = o.group_id
        AND r.reply_to_event_id = o.event_id AND r.reply_member = o.member_id
  GROUP BY tenant_id, platform, group_id, dkey`;

/** Joins by path and leaves by reason. */
export const JOINS_LEAVES = `
  SELECT ${KEY}, toString(${localDate('occurred_at')}) AS dkey,
         countIf(type = 'member_joined') AS joins,
         countIf(type = 'member_joined' AND join_via = 'invite') AS joins_invite,
         countIf(type = 'member_joined' AND join_via = 'qr_code') AS joins_qr_code,
         countIf(type = 'member_joined' AND join_via = 'link') AS joins_link,
         countIf(type = 'member_joined' AND join_via = 'admin') AS joins_admin,
         countIf(type = 'member_joined' AND join_via NOT IN ('invite', 'qr_code', 'link', 'admin')) AS joins_unknown,
         countIf(type = 'member_left' AND leave_reason = 'quit') AS leaves_quit,
         countIf(type = 'member_left' AND leave_reason = 'removed') AS leaves_removed,
         countIf(type = 'member_left' AND leave_reason NOT IN ('quit', 'removed')) AS leaves_unknown
  FROM (${MEMBERSHIP_EVENTS})
  WHERE ${localDate('occurred_at')} >= {from:Date}
  GROUP BY ${KEY}, dkey`;

/**
 * Newcomers (joins, apart from accounts that post ads) per day, and how many were welcomed: someone else replied to or mentioned
 * them within 24 h of joining, or within 24 h of their first message.
 */
export const NEWCOMERS = `
  SELECT tenant_id, platform, group_id, toString(${localDate('joined_at')}) AS dkey,
         count() AS newcomers, countIf(welcomed) AS newcomers_welcomed
  FROM (
    SELECT j.tenant_id AS tenant_id, j.platform AS platform, j.group_id AS group_id, j.member_id AS member_id,
           j.joined_at AS joined_at,
           countIf(a.at > j.joined_at AND a.at <= j.joined_at + INTERVAL 1 DAY) > 0
             OR countIf(f.first_at > toDateTime64(0, 3, 'UTC') AND a.at > f.first_at AND a.at <= f.first_at + INTERVAL 1 DAY) > 0 AS welcomed
    FROM (
      SELECT ${KEY}, member_id, occurred_at AS joined_at FROM (${MEMBERSHIP_EVENTS})
      WHERE type = 'member_joined' AND ${localDate('occurred_at')} >= {from:Date}
        -- Spam accounts join to post ads, bots and staff to work: none of them is a newcomer.
        AND NOT ${isBot()} AND NOT ${isStaff()}
        AND (tenant_id, platform, group_id, member_id) NOT IN (
          SELECT ${KEY}, member_id FROM (${CLASSIFIED_MESSAGES}) WHERE cls = 'ad')
    ) AS j
    LEFT JOIN (
      SELECT ${KEY}, member_id, min(occurred_at) AS first_at FROM (${CLASSIFIED_MESSAGES})
      WHERE cls = 'human' AND day >= {from:Date} GROUP BY ${KEY}, member_id
    ) AS f ON f.tenant_id = j.tenant_id AND f.platform = j.platform AND f.group_id = j.group_id AND f.member_id = j.member_id
    LEFT JOIN (
      SELECT ${KEY}, target, occurred_at AS at FROM (${CLASSIFIED_MESSAGES})
      ARRAY JOIN arrayDistinct(arrayFilter(x -> x != '', arrayPushBack(mentions, reply_member))) AS target
      WHERE cls IN ('human', 'staff') AND target != member_id AND day >= {from:Date}
    ) AS a ON a.tenant_id = j.tenant_id AND a.platform = j.platform AND a.group_id = j.group_id AND a.target = j.member_id
    GROUP BY tenant_id, platform, group_id, member_id, joined_at
  )
  GROUP BY tenant_id, platform, group_id, dkey`;

/** Bots and staff are not members of the community: members and lurkers leave them out. */
const COMMUNITY_OUTSIDERS = `(${isBot()} OR ${isStaff()})`;

/**
 * Members at the end of each day on which membership changed (bots and staff apart): a member counts from their first
 * event in the group (join or anything else) until a leave that no later join undid. Reads the
 * per-member facts (member_first_seen, membership_events), not the history of messages.
 */
export const MEMBERSHIP = `
  SELECT ${KEY}, toString(day) AS dkey,
         sum(delta) OVER (PARTITION BY ${KEY} ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS members
  FROM (
    SELECT ${KEY}, day, sum(delta) AS delta FROM (
      SELECT ${KEY}, ${localDate('first_at')} AS day, 1 AS delta FROM (
        SELECT ${KEY}, member_id, min(first_at) AS first_at FROM member_first_seen
        WHERE ${IN_GROUPS} AND NOT ${COMMUNITY_OUTSIDERS} GROUP BY ${KEY}, member_id HAVING ${UP_TO_AS_OF.replace('occurred_at', 'first_at')})
      UNION ALL
      SELECT ${KEY}, ${localDate('last_leave')} AS day, -1 AS delta FROM (
        SELECT ${KEY}, member_id,
               maxIf(occurred_at, type = 'member_joined') AS last_join, maxIf(occurred_at, type = 'member_left') AS last_leave
        FROM (${MEMBERSHIP_EVENTS}) WHERE NOT ${COMMUNITY_OUTSIDERS} GROUP BY ${KEY}, member_id)
      WHERE last_leave > toDateTime64(0, 3, 'UTC') AND last_leave >= last_join
    ) GROUP BY ${KEY}, day
  )`;

/** When each group began: its group_created event, else its first event (group_registry). */
export const GROUP_INFO = `
  SELECT ${KEY},
         toUnixTimestamp64Milli(if(min(created_at) < toDateTime64('2299-01-01 00:00:00', 3, 'UTC'), min(created_at), min(first_at))) AS created_at,
         argMaxMerge(name) AS name,
         argMaxMerge(purpose) AS purpose
  FROM group_registry WHERE ${IN_GROUPS}
  GROUP BY ${KEY}
  HAVING min(first_at) <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;

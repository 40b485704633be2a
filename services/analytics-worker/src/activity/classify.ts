// Every message in scope, classified: the community's conversation (`human`), the tenant's staff,
// bots, system notices, ads, red packets, or a reply to a red packet. Message counts alone mislead:
// a spammer posts the most, a dead group full of ads or bot notices still looks busy, and an owner
// talking alone does not make a group alive, so only `human` counts as conversation; staff
// messages count apart, and as answers.
import { isBot, isStaff, KOL_SNAPSHOT_MAX_AGE_DAYS } from './accounts.js';
import { AS_OF_DAY, IN_GROUPS, IN_SCOPE, localDate } from './scope.js';

/** A link message whose text repeats in at least this many of the tenant's groups is an ad. */
export const AD_MIN_GROUPS = 3;
/** A short message this soon after a red packet, by someone else, is a thank-you for it. */
export const RED_PACKET_REPLY_WINDOW_S = 15 * 60;
export const RED_PACKET_REPLY_MAX_LENGTH = 12;

/** A KOL snapshot older than this no longer flags spammers (the graph runs daily). */
export const SPAMMER_SNAPSHOT_MAX_AGE_DAYS = KOL_SNAPSHOT_MAX_AGE_DAYS;

export const TEXT_HASH = `if(text_hash != '', text_hash, if(message_text != '', hex(cityHash64(lower(trimBoth(message_text)))), ''))`;

/** Link texts repeated across groups by as-of (link_texts keeps the first time per text and group). */
const AD_HASHES = `
  SELECT tenant_id, h FROM (
    SELECT tenant_id, h, group_id, min(first_at) AS first FROM link_texts
    WHERE tenant_id IN {tenants:Array(String)} GROUP BY tenant_id, h, group_id)
  WHERE first <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')
  GROUP BY tenant_id, h HAVING uniqExact(group_id) >= ${AD_MIN_GROUPS}`;

/**
 * Members flagged as spammers on the tenant's latest KOL snapshot at or before as-of. Only the
 * latest: a classification that depended on which days the graph happened to run would differ
 * between the live service and a computation from scratch.
 */
const SPAMMERS = `
  SELECT tenant_id, member_id FROM tenant_kol_daily FINAL
  WHERE tenant_id IN {tenants:Array(String)} AND is_spammer = 1 AND horizon = 'current'
    -- Only the scope's members: the snapshot is sorted by member, so a tenant's size does not matter.
    AND (platform, member_id) IN (SELECT platform, member_id FROM member_first_seen WHERE ${IN_GROUPS})
    AND day <= ${AS_OF_DAY} AND day > ${AS_OF_DAY} - ${SPAMMER_SNAPSHOT_MAX_AGE_DAYS}
    AND (tenant_id, day) IN (
      SELECT tenant_id, max(day) FROM tenant_kol_daily WHERE tenant_id IN {tenants:Array(String)} AND horizon = 'current'
        AND day <= ${AS_OF_DAY} AND day > ${AS_OF_DAY} - ${SPAMMER_SNAPSHOT_MAX_AGE_DAYS}
      GROUP BY tenant_id)`;

/**
 * Columns: tenant_id, platform, group_id, event_id, member_id, occurred_at, day, cls
 * ('human' | 'staff' | 'bot' | 'system' | 'ad' | 'red_packet' | 'red_packet_reply'), reply_to_event_id,
 * reply_member (whom a reply answers, resolved from the target message when not given), mentions.
 */
export const CLASSIFIED_MESSAGES = `
  SELECT m.tenant_id AS tenant_id, m.platform AS platform, m.group_id AS group_id, m.event_id AS event_id,
         m.member_id AS member_id, m.occurred_at AS occurred_at, ${localDate('m.occurred_at')} AS day,
         multiIf(
           m.message_kind = 'system', 'system',
           ${isBot('m.tenant_id', 'm.member_id')}, 'bot',
           m.message_kind = 'red_packet', 'red_packet',
           (m.has_link = 1 AND (m.tenant_id, m.h) IN (${AD_HASHES})) OR (m.tenant_id, m.member_id) IN (${SPAMMERS}), 'ad',
           t.message_kind = 'red_packet', 'red_packet_reply',
           m.reply_to_event_id = '' AND m.message_length <= ${RED_PACKET_REPLY_MAX_LENGTH}
             AND rp.occurred_at > toDateTime64(0, 3, 'UTC') AND rp.member_id != m.member_id
             AND dateDiff('second', rp.occurred_at, m.occurred_at) <= ${RED_PACKET_REPLY_WINDOW_S}, 'red_packet_reply',
           ${isStaff('m.tenant_id', 'm.member_id')}, 'staff',
           'human') AS cls,
         m.reply_to_event_id AS reply_to_event_id,
         if(m.reply_to_member_id != '', m.reply_to_member_id, t.member_id) AS reply_member,
         m.mentions AS mentions
  FROM (
    SELECT tenant_id, platform, group_id, event_id, member_id, occurred_at, message_kind, message_length, has_link,
           ${TEXT_HASH} AS h, reply_to_event_id, reply_to_member_id, mentions
    FROM chat_events FINAL WHERE ${IN_SCOPE} AND type = 'message'
  ) AS m
  -- The replied message may be older than the window: its author comes from message_authors, a set
  -- keyed by event (ANY: one row even before duplicates merge away).
  ANY LEFT JOIN (
    SELECT tenant_id, platform, group_id, event_id, member_id, message_kind FROM message_authors
    WHERE ${IN_GROUPS} AND event_id IN (
      SELECT reply_to_event_id FROM chat_events WHERE ${IN_SCOPE} AND type = 'message' AND reply_to_event_id != '')
  ) AS t ON t.tenant_id = m.tenant_id AND t.platform = m.platform AND t.group_id = m.group_id AND t.event_id = m.reply_to_event_id
  ASOF LEFT JOIN (
    SELECT tenant_id, platform, group_id, member_id, occurred_at FROM chat_events FINAL
    WHERE ${IN_GROUPS} AND type = 'message' AND message_kind = 'red_packet'
      AND occurred_at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')
      AND occurred_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC') - INTERVAL ${RED_PACKET_REPLY_WINDOW_S} SECOND
  ) AS rp ON rp.tenant_id = m.tenant_id AND rp.platform = m.platform AND rp.group_id = m.group_id AND m.occurred_at > rp.occurred_at`;

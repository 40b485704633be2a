// Fading members, for the weekly digest. INTERIM definition, kept here alone so the digest can
// switch to the member segments (segment 'fading') once they are stored:
//   a member is fading in a group when, in the 28 days before the last 14, they wrote at least
//   MIN_BEFORE human messages, and in the last 14 days at most a fifth of their usual count per
//   14 days; they are still a member; they are neither listed staff or bot nor flagged a spammer.
// Human messages: every message kind except system notices and red packets.
import type { FadingMember } from '@qunpulse/alerts';
import type { Warehouse } from '@qunpulse/warehouse';

export const FADING_RULE = { windowDays: 14, beforeDays: 28, minBefore: 8, maxShareOfUsual: 0.2 } as const;
const DAY = 86_400_000;

const FADING = `
  SELECT toString(m.platform) AS platform, m.group_id AS group_id, m.member_id AS member_id, m.before_n AS before_n, m.recent_n AS recent_n,
         ifNull(n.group_name, '') AS group_name
  FROM (
    SELECT platform, group_id, member_id,
           countIf(occurred_at < fromUnixTimestamp64Milli({recentFrom:Int64}, 'UTC')) AS before_n,
           countIf(occurred_at >= fromUnixTimestamp64Milli({recentFrom:Int64}, 'UTC')) AS recent_n
    FROM chat_events FINAL
    WHERE tenant_id = {t:String} AND type = 'message' AND message_kind NOT IN ('system', 'red_packet') AND member_id != ''
      AND occurred_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND occurred_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
    GROUP BY platform, group_id, member_id
    HAVING before_n >= {minBefore:UInt32} AND recent_n <= before_n * {windowDays:UInt32} / {beforeDays:UInt32} * {maxShare:Float64}
  ) AS m
  LEFT JOIN (
    SELECT platform, group_id, argMax(group_name, day) AS group_name FROM group_health_daily WHERE tenant_id = {t:String} GROUP BY platform, group_id
  ) AS n ON n.platform = m.platform AND n.group_id = m.group_id
  WHERE (m.platform, m.group_id, m.member_id) NOT IN (
      SELECT platform, group_id, member_id FROM membership_events FINAL
      WHERE tenant_id = {t:String} AND occurred_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
      GROUP BY platform, group_id, member_id HAVING argMax(type, occurred_at) = 'member_left')
    AND m.member_id NOT IN (
      SELECT member_id FROM tenant_accounts WHERE tenant_id = {t:String} GROUP BY member_id HAVING argMax(role, updated_at) != '')
    AND (m.platform, m.member_id) NOT IN (
      SELECT platform, member_id FROM tenant_kol_daily FINAL
      WHERE tenant_id = {t:String} AND horizon = 'current' AND is_spammer = 1
        AND day = (SELECT max(day) FROM tenant_kol_daily WHERE tenant_id = {t:String} AND horizon = 'current'
                   AND day < toDate(fromUnixTimestamp64Milli({to:Int64}, 'UTC'))))
  ORDER BY m.before_n * {windowDays:UInt32} / {beforeDays:UInt32} - m.recent_n DESC, group_id, member_id
  LIMIT {limit:UInt32}`;

/** Members fading as of `to` (epoch ms, the end of the digest's week), the steepest drop first. */
export async function fadingMembers(wh: Warehouse, tenant: string, to: number, limit: number): Promise<FadingMember[]> {
  const { windowDays, beforeDays, minBefore, maxShareOfUsual } = FADING_RULE;
  const rows = await wh.query<{ platform: string; group_id: string; member_id: string; group_name: string; before_n: number; recent_n: number }>(FADING, {
    t: tenant, to, recentFrom: to - windowDays * DAY, from: to - (windowDays + beforeDays) * DAY,
    minBefore, windowDays, beforeDays, maxShare: maxShareOfUsual, limit,
  });
  return rows.map((r) => ({
    platform: r.platform, groupId: r.group_id, groupName: r.group_name, memberId: r.member_id,
    before: Math.round((Number(r.before_n) * windowDays) / beforeDays), recent: Number(r.recent_n),
  }));
}

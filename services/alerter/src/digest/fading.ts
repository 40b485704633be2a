// Fading members, for the weekly digest: the member segments' own verdict (segment 'fading' in a
// group, packages/health segments.ts) on the tenant's last judged day of the week, the steepest
// drop first. The rule lives with the segments; the digest only reads it.
import type { FadingMember } from '@qunpulse/alerts';
import type { Warehouse } from '@qunpulse/warehouse';

const FADING = `
  SELECT toString(s.platform) AS platform, s.group_id AS group_id, s.member_id AS member_id,
         s.messages_prior_28d AS prior_28d, s.messages_14d AS recent_n, ifNull(n.group_name, '') AS group_name
  FROM member_segment_daily AS s FINAL
  LEFT JOIN (
    SELECT platform, group_id, argMax(group_name, day) AS group_name FROM group_health_daily WHERE tenant_id = {t:String} GROUP BY platform, group_id
  ) AS n ON n.platform = s.platform AND n.group_id = s.group_id
  -- Tenant-wide rows have no group (''): a member fades in a group.
  WHERE s.tenant_id = {t:String} AND s.group_id != '' AND s.segment = 'fading'
    AND s.day = (SELECT max(day) FROM member_segment_daily WHERE tenant_id = {t:String} AND day <= {weekEnd:Date})
  ORDER BY prior_28d / 2 - recent_n DESC, group_id, member_id
  LIMIT {limit:UInt32}`;

/** Members fading in their groups on the last judged day up to `weekEnd` (the tenant's local day). */
export async function fadingMembers(wh: Warehouse, tenant: string, weekEnd: string, limit: number): Promise<FadingMember[]> {
  const rows = await wh.query<{ platform: string; group_id: string; member_id: string; group_name: string; prior_28d: number; recent_n: number }>(
    FADING, { t: tenant, weekEnd, limit });
  return rows.map((r) => ({
    platform: r.platform, groupId: r.group_id, groupName: r.group_name, memberId: r.member_id,
    // Messages per 14 days before (weeks 5–8 back, halved) and in the last 14 days.
    before: Math.round(Number(r.prior_28d) / 2), recent: Number(r.recent_n),
  }));
}

// Reads the inputs of the graph analytics for whole (tenant, platform) pairs from the warehouse.
import type { GroupInput, InteractionKind, InteractionRecord, MemberActivity } from '@qunpulse/graph';
import type { Warehouse } from '@qunpulse/warehouse';
import { ACTIVITY, DEPARTED, INTERACTIONS, REPLIED } from './queries.js';

export interface TenantPlatform {
  tenantId: string;
  platform: string;
}

export interface TenantData extends TenantPlatform {
  /** Per group id: its interactions (tagged with the group id), activity and replied messages. */
  groups: Map<string, GroupInput & { interactions: InteractionRecord[]; activity: MemberActivity[]; departed: string[] }>;
}

const pairKey = (tenantId: string, platform: string) => `${tenantId}\u001f${platform}`;

interface InteractionRow { tenant_id: string; platform: string; group_id: string; kind: InteractionKind; from_id: string; to_id: string; at: number; n: number }
interface ActivityRow { tenant_id: string; platform: string; group_id: string; member_id: string; messages: number; ad_messages: number }
interface DepartedRow { tenant_id: string; platform: string; group_id: string; member_id: string }
interface RepliedRow { tenant_id: string; platform: string; group_id: string; replied: number }

export async function readTenantData(wh: Warehouse, pairs: TenantPlatform[], window: { from: number; asOf: number }): Promise<TenantData[]> {
  const out = new Map<string, TenantData>();
  for (const p of pairs) out.set(pairKey(p.tenantId, p.platform), { ...p, groups: new Map() });
  if (out.size === 0) return [];
  const params = {
    tenants: [...new Set(pairs.map((p) => p.tenantId))],
    platforms: [...new Set(pairs.map((p) => p.platform))],
    pt: pairs.map((p) => p.tenantId),
    pp: pairs.map((p) => p.platform),
    from: Math.floor(window.from),
    asOf: Math.floor(window.asOf),
  };
  const groupOf = (tenantId: string, platform: string, groupId: string) => {
    const t = out.get(pairKey(tenantId, platform));
    if (!t) throw new Error(`warehouse returned a row for ${tenantId}/${platform}, which was not asked for`);
    let g = t.groups.get(groupId);
    if (!g) t.groups.set(groupId, (g = { interactions: [], activity: [], repliedMessages: 0, departed: [] }));
    return g;
  };
  const [interactions, activity, replied, departed] = await Promise.all([
    wh.query<InteractionRow>(INTERACTIONS, params),
    wh.query<ActivityRow>(ACTIVITY, params),
    wh.query<RepliedRow>(REPLIED, params),
    wh.query<DepartedRow>(DEPARTED, params),
  ]);
  for (const r of interactions) {
    groupOf(r.tenant_id, r.platform, r.group_id).interactions.push({
      kind: r.kind, from: r.from_id, to: r.to_id, at: Number(r.at), count: Number(r.n), groupId: r.group_id,
    });
  }
  for (const r of activity) {
    groupOf(r.tenant_id, r.platform, r.group_id).activity.push({
      memberId: r.member_id, messages: Number(r.messages), adMessages: Number(r.ad_messages),
    });
  }
  for (const r of replied) groupOf(r.tenant_id, r.platform, r.group_id).repliedMessages = Number(r.replied);
  for (const r of departed) {
    // Only groups with something to analyse; a group where everyone left has no graph.
    const t = out.get(pairKey(r.tenant_id, r.platform));
    t?.groups.get(r.group_id)?.departed.push(r.member_id);
  }
  return [...out.values()];
}

// Analysis results as rows of member_kol_daily, tenant_kol_daily and group_structure_daily.
import type { KolHorizonName } from '@qunpulse/graph';
import type { TenantResult } from './compute.js';

export interface KolRows {
  member: object[];
  tenant: object[];
  structure: object[];
}

/** ClickHouse Float64 columns take finite numbers only. */
const num = (x: number) => (Number.isFinite(x) ? x : 0);

export function kolRows(result: TenantResult, day: string): KolRows {
  const { tenantId, platform } = result;
  const member: object[] = [];
  const structure: object[] = [];
  for (const [groupId, g] of result.groups) {
    for (const m of g.members) {
      member.push({
        tenant_id: tenantId, platform, group_id: groupId, member_id: m.memberId, day,
        weighted_in_degree: num(m.metrics.weightedInDegree), pagerank: num(m.metrics.pagerank),
        betweenness: num(m.metrics.betweenness), betweenness_mode: g.betweennessMode, coreness: m.metrics.coreness,
        messages: m.metrics.messages, replies_received: m.metrics.repliesReceived,
        score: num(m.score), rank: m.rank, is_spammer: m.isSpammer ? 1 : 0, is_bot: m.excludedAs === 'bot' ? 1 : 0,
      });
    }
    const s = g.structure;
    structure.push({
      tenant_id: tenantId, platform, group_id: groupId, day, nodes: s.nodes, edges: s.edges,
      absence_factor: s.absenceFactor, message_gini: num(s.messageGini), replied_share: num(s.repliedShare),
      reciprocity: num(s.reciprocity), density: num(s.density), largest_component_share: num(s.largestComponentShare),
      survival_without_top1: num(s.survivalWithoutTop1), survival_without_top3: num(s.survivalWithoutTop3), kol_count: s.kolCount,
    });
  }
  return { member, tenant: tenantKolRows(result, day, 'current'), structure };
}

/** The tenant-wide ranking of one horizon as tenant_kol_daily rows. */
export function tenantKolRows(result: TenantResult, day: string, horizon: KolHorizonName): object[] {
  const { tenantId, platform } = result;
  return result.tenant.members.map((m) => ({
    tenant_id: tenantId, platform, member_id: m.memberId, day, horizon, groups: m.groups,
    weighted_in_degree: num(m.metrics.weightedInDegree), pagerank: num(m.metrics.pagerank), betweenness: num(m.metrics.betweenness),
    score: num(m.score), rank: m.rank, is_bridge: m.isBridge ? 1 : 0, bridge_groups: m.bridgeGroups,
    is_spammer: m.isSpammer ? 1 : 0, is_bot: m.excludedAs === 'bot' ? 1 : 0, messages: m.metrics.messages, replies_received: m.metrics.repliesReceived,
  }));
}

// group_peer_daily: each group's key metrics on the judged day as percentiles among the tenant's
// groups of the same purpose and among all of the tenant's groups judged that day. One query reads
// every group of the scope's tenants; @qunpulse/health ranks them.
import { peerStandings, PEER_METRICS, type PeerGroup, type PeerMetric } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey, parseGroupKey, type RecomputeStep } from '../context.js';
import { AS_OF_DAY, dayKey, scopeParams, type Scope } from '../activity/scope.js';

const AS_OF = `fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;
const KEY = 'tenant_id, platform, group_id';
const ON = (a: string, b: string) => `${a}.tenant_id = ${b}.tenant_id AND ${a}.platform = ${b}.platform AND ${a}.group_id = ${b}.group_id`;

/**
 * The metrics of every group of the scope's tenants judged on the as-of day: from its verdict,
 * day-30 retention of the memberships begun in the 90 days before (as health reads it), and the
 * share of the last 28 days' human messages someone else answered.
 */
export const PEER_INPUTS = `
  SELECT h.tenant_id AS tenant_id, h.platform AS platform, h.group_id AS group_id, h.purpose AS purpose,
         h.messages_7d AS messages_7d, h.active_members_7d AS active_members_7d, h.health_score AS health_score,
         r.retention_d30 AS retention_d30, a.replied_share AS replied_share
  FROM (
    SELECT ${KEY}, purpose, messages_7d, active_members_7d, health_score FROM group_health_daily FINAL
    WHERE tenant_id IN {tenants:Array(String)} AND day = ${AS_OF_DAY}
  ) AS h
  LEFT JOIN (
    SELECT ${KEY}, if(countIf(retained_d30 IS NOT NULL) = 0, NULL, countIf(retained_d30 = 1) / countIf(retained_d30 IS NOT NULL)) AS retention_d30
    FROM member_retention FINAL
    WHERE tenant_id IN {tenants:Array(String)} AND as_of = ${AS_OF_DAY} AND joined_at > ${AS_OF} - INTERVAL 90 DAY AND joined_at <= ${AS_OF}
    GROUP BY ${KEY}
  ) AS r ON ${ON('r', 'h')}
  LEFT JOIN (
    SELECT ${KEY}, if(sum(human_messages) = 0, NULL, sum(reply_rate * human_messages) / sum(human_messages)) AS replied_share
    FROM group_activity_daily FINAL
    WHERE tenant_id IN {tenants:Array(String)} AND day > ${AS_OF_DAY} - 28 AND day <= ${AS_OF_DAY}
    GROUP BY ${KEY}
  ) AS a ON ${ON('a', 'h')}`;

type InputRow = { tenant_id: string; platform: string; group_id: string; purpose: string } & Record<PeerMetric, number | null>;

const num = (v: number | null) => (v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v));

/** The peer rows of every group of the scope's tenants judged on the as-of day. */
export async function computePeers(wh: Warehouse, scope: Scope): Promise<object[]> {
  if (scope.groups.length === 0) return [];
  const rows = await wh.query<InputRow>(PEER_INPUTS, scopeParams(scope));
  const day = dayKey(scope.asOf, scope.timeZone);
  const byTenant = new Map<string, PeerGroup[]>();
  for (const r of rows) {
    const list = byTenant.get(r.tenant_id) ?? [];
    list.push({
      key: groupKey({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id }), purpose: r.purpose || 'other',
      metrics: Object.fromEntries(PEER_METRICS.map((m) => [m, num(r[m])])) as Record<PeerMetric, number | null>,
    });
    byTenant.set(r.tenant_id, list);
  }
  const out: object[] = [];
  for (const groups of byTenant.values()) {
    for (const s of peerStandings(groups)) {
      const g = parseGroupKey(s.key);
      out.push({
        tenant_id: g.tenantId, platform: g.platform, group_id: g.groupId, day, purpose: s.purpose, metric: s.metric, value: s.value,
        purpose_peers: s.purposePeers, purpose_percentile: s.purposePercentile, all_peers: s.allPeers, all_percentile: s.allPercentile,
      });
    }
  }
  return out;
}

/** The peer step, run by the daily judgement after health (the verdicts it compares). */
export const peersStep: RecomputeStep = {
  name: 'peers',
  async run(ctx) {
    const rows = await computePeers(ctx.warehouse, { groups: ctx.groups, asOf: ctx.asOf, ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}) });
    if (rows.length) await ctx.warehouse.insert('group_peer_daily', rows);
    ctx.log.debug({ rows: rows.length }, 'group_peer_daily written');
  },
};

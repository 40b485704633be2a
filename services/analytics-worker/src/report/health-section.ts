// Group health in the report: per group the status, score, reasons, size, activity and retention;
// per tenant the count of groups in each status, the survival curve (share of groups still alive
// 7, 30 and 90 days after creation), and retention by join path and inviter.
import type { HealthStatus, Reason, ReasonCode } from '@qunpulse/health';
import { HEALTH_STATUSES } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey, rowGroupKey as keyOf } from '../context.js';
import { scopeParams } from '../activity/scope.js';
import { groupRetention, inviteDepths, inviteEdges, latestHealth, SURVIVAL, tenantCohorts, tenantInviters } from './health-queries.js';
import type { Report, ReportSection } from './types.js';
import { table } from './text-table.js';

export interface RetentionRates { memberships: number; retentionD1: number | null; retentionD7: number | null; retentionD30: number | null }

export interface GroupRetentionSummary extends RetentionRates {
  churned: number;
  silentChurned: number;
  byJoinPath: Record<string, RetentionRates>;
  topInviters: Array<{ memberId: string; invited: number; retentionD7: number | null }>;
  /** Longest chain of invitations (A invited B who invited C: depth 2). */
  inviteTreeDepth: number;
}

export interface GroupHealthReport {
  status: HealthStatus;
  healthScore: number;
  scores: { growth: number; retention: number; activity: number; structure: number };
  reasons: Reason[];
  members: number;
  activeMembers7d: number;
  messages7d: number;
  silentDays: number;
  day: string;
  retention: GroupRetentionSummary;
}

export interface TenantHealthReport {
  statusCounts: Record<HealthStatus, number>;
  /** Share of groups old enough that were still alive N days after creation. */
  survival: Record<'d7' | 'd30' | 'd90', { groups: number; alive: number; share: number | null }>;
  retentionByJoinPath: Record<string, RetentionRates>;
  /** Join-week cohorts of the last 8 weeks. */
  cohorts: Array<{ week: string; memberships: number; retentionD1: number | null; retentionD7: number | null; retentionD30: number | null; churnRate: number; silentChurnRate: number }>;
  topInviters: Array<{ memberId: string; invited: number; groups: number; retentionD7: number | null; retentionD30: number | null }>;
}

interface HealthRow {
  tenant_id: string; platform: string; group_id: string; dkey: string; status: HealthStatus; health_score: number;
  growth_score: number; retention_score: number; activity_score: number; structure_score: number; members: number;
  active_members_7d: number; messages_7d: number; silent_days: number; reason_codes: string[]; reason_details: string[]; reason_evidence: string[];
}
interface RetentionRow {
  tenant_id: string; platform: string; group_id: string; join_via: string; memberships: number;
  eligible_d1: number; kept_d1: number; eligible_d7: number; kept_d7: number; eligible_d30: number; kept_d30: number;
  left_members: number; silent_members: number;
}
interface EdgeRow { tenant_id: string; platform: string; group_id: string; member_id: string; inviter_id: string; kept_d7: number; eligible_d7: number }
interface CohortRow { tenant_id: string; week: string; memberships: number; retention_d1: number | null; retention_d7: number | null; retention_d30: number | null; churn_rate: number; silent_churn_rate: number }
interface InviterRow { tenant_id: string; inviter_id: string; invited: number; groups: number; retention_d7: number | null; retention_d30: number | null }
interface SurvivalRow { tenant_id: string; alive_7: number | null; alive_30: number | null; alive_90: number | null }

const rate = (kept: number, eligible: number) => (eligible ? Math.round((kept / eligible) * 1000) / 1000 : null);
/** avgIf over no rows gives NaN (null in JSON); keep three decimals otherwise. */
const nullableRate = (v: number | null) => (v === null || !Number.isFinite(Number(v)) ? null : Math.round(Number(v) * 1000) / 1000);

function addRates(into: Map<string, number[]>, k: string, r: RetentionRow): void {
  const acc = into.get(k) ?? [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const v = [r.memberships, r.eligible_d1, r.kept_d1, r.eligible_d7, r.kept_d7, r.eligible_d30, r.kept_d30, r.left_members, r.silent_members].map(Number);
  into.set(k, acc.map((x, i) => x + v[i]!));
}
const toRates = (a: number[]): RetentionRates => ({ memberships: a[0]!, retentionD1: rate(a[2]!, a[1]!), retentionD7: rate(a[4]!, a[3]!), retentionD30: rate(a[6]!, a[5]!) });

async function fillHealth(wh: Warehouse, report: Report, opts: { asOf: number; tenantId?: string }): Promise<void> {
  const params = { asOf: opts.asOf, ...(opts.tenantId ? { tenant: opts.tenantId } : {}) };
  const [health, retention, edges, depths, cohorts, inviterRows] = await Promise.all([
    wh.query<HealthRow>(latestHealth(opts.tenantId), params),
    wh.query<RetentionRow>(groupRetention(opts.tenantId), params),
    wh.query<EdgeRow>(inviteEdges(opts.tenantId), params),
    wh.query<{ tenant_id: string; platform: string; group_id: string; depth: number }>(inviteDepths(opts.tenantId), params),
    wh.query<CohortRow>(tenantCohorts(opts.tenantId), params),
    wh.query<InviterRow>(tenantInviters(opts.tenantId), params),
  ]);
  const refs = report.groups.map((g) => ({ tenantId: g.tenantId, platform: g.platform, groupId: g.groupId }));
  const survivalRows = refs.length ? await wh.query<SurvivalRow>(SURVIVAL, scopeParams({ groups: refs, asOf: opts.asOf })) : [];

  const overall = new Map<string, number[]>();
  const byPath = new Map<string, Map<string, number[]>>();
  const tenantPath = new Map<string, Map<string, number[]>>();
  for (const r of retention) {
    addRates(overall, keyOf(r), r);
    const paths = byPath.get(keyOf(r)) ?? new Map<string, number[]>();
    addRates(paths, r.join_via, r);
    byPath.set(keyOf(r), paths);
    const tp = tenantPath.get(r.tenant_id) ?? new Map<string, number[]>();
    addRates(tp, r.join_via, r);
    tenantPath.set(r.tenant_id, tp);
  }
  const edgesByGroup = new Map<string, EdgeRow[]>();
  for (const e of edges) edgesByGroup.set(keyOf(e), [...(edgesByGroup.get(keyOf(e)) ?? []), e]);
  const healthByGroup = new Map(health.map((h) => [keyOf(h), h]));
  const depthByGroup = new Map(depths.map((d) => [keyOf(d), Number(d.depth)]));

  for (const g of report.groups) {
    const k = groupKey(g);
    const h = healthByGroup.get(k);
    if (!h) continue;
    const all = overall.get(k) ?? [0, 0, 0, 0, 0, 0, 0, 0, 0];
    const groupEdges = edgesByGroup.get(k) ?? [];
    const inviters = new Map<string, { invited: number; kept: number; eligible: number }>();
    for (const e of groupEdges) {
      const acc = inviters.get(e.inviter_id) ?? { invited: 0, kept: 0, eligible: 0 };
      acc.invited += 1; acc.kept += Number(e.kept_d7); acc.eligible += Number(e.eligible_d7);
      inviters.set(e.inviter_id, acc);
    }
    const entry: GroupHealthReport = {
      status: h.status, healthScore: h.health_score,
      scores: { growth: h.growth_score, retention: h.retention_score, activity: h.activity_score, structure: h.structure_score },
      reasons: h.reason_codes.map((code, i) => ({ code: code as ReasonCode, detail: h.reason_details[i] ?? '', evidence: JSON.parse(h.reason_evidence[i] ?? '{}') as Record<string, number> })),
      members: h.members, activeMembers7d: h.active_members_7d, messages7d: h.messages_7d, silentDays: h.silent_days, day: h.dkey,
      retention: {
        ...toRates(all), churned: all[7]!, silentChurned: all[8]!,
        byJoinPath: Object.fromEntries([...(byPath.get(k) ?? new Map<string, number[]>())].map(([via, a]) => [via, toRates(a)])),
        topInviters: [...inviters].sort((a, b) => b[1].invited - a[1].invited).slice(0, 3)
          .map(([memberId, v]) => ({ memberId, invited: v.invited, retentionD7: rate(v.kept, v.eligible) })),
        inviteTreeDepth: depthByGroup.get(k) ?? 0,
      },
    };
    Object.assign(g, entry);
  }

  for (const t of report.tenants) {
    const statusCounts = Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
    for (const g of report.groups) if (g.tenantId === t.tenantId && typeof g.status === 'string') statusCounts[g.status as HealthStatus] += 1;
    const rows = survivalRows.filter((r) => r.tenant_id === t.tenantId);
    const curve = (pick: (r: SurvivalRow) => number | null) => {
      const known = rows.map(pick).filter((v): v is number => v !== null);
      const alive = known.filter((v) => Number(v) === 1).length;
      return { groups: known.length, alive, share: known.length ? Math.round((alive / known.length) * 1000) / 1000 : null };
    };
    const health: TenantHealthReport = {
      statusCounts,
      survival: { d7: curve((r) => r.alive_7), d30: curve((r) => r.alive_30), d90: curve((r) => r.alive_90) },
      retentionByJoinPath: Object.fromEntries([...(tenantPath.get(t.tenantId) ?? new Map<string, number[]>())].map(([via, a]) => [via, toRates(a)])),
      cohorts: cohorts.filter((c) => c.tenant_id === t.tenantId).map((c) => ({
        week: c.week, memberships: Number(c.memberships), retentionD1: nullableRate(c.retention_d1), retentionD7: nullableRate(c.retention_d7),
        retentionD30: nullableRate(c.retention_d30), churnRate: nullableRate(c.churn_rate) ?? 0, silentChurnRate: nullableRate(c.silent_churn_rate) ?? 0,
      })),
      topInviters: inviterRows.filter((r) => r.tenant_id === t.tenantId).map((r) => ({
        memberId: r.inviter_id, invited: Number(r.invited), groups: Number(r.groups), retentionD7: nullableRate(r.retention_d7), retentionD30: nullableRate(r.retention_d30),
      })),
    };
    Object.assign(t, health);
  }
}

const pctText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);

function renderText(report: Report): string {
  const groups = report.groups.filter((g) => typeof g.status === 'string') as Array<Report['groups'][number] & GroupHealthReport>;
  if (!groups.length) return '';
  const order: Record<string, number> = { dead: 0, dying: 1, declining: 2, new: 3, stable: 4, thriving: 5 };
  const sorted = [...groups].sort((a, b) => (order[a.status]! - order[b.status]!) || a.healthScore - b.healthScore);
  const rows = sorted.map((g) => [
    g.tenantId, g.groupId, g.name, g.status, String(g.healthScore), String(g.members), String(g.activeMembers7d), String(g.messages7d),
    pctText(g.retention.retentionD7), g.reasons.filter((r) => r.code !== 'growing').map((r) => r.code).join(', '),
  ]);
  let out = `Group health as of ${report.asOf}\n` +
    table(['tenant', 'group', 'name', 'status', 'score', 'members', 'active 7d', 'msgs 7d', 'ret d7', 'reasons'], rows, [4, 5, 6, 7, 8]);
  const why = sorted.filter((g) => g.status === 'dying' || g.status === 'declining' || g.status === 'dead').slice(0, 10);
  if (why.length) out += '\nWhy (at-risk and dead groups):\n' + why.map((g) => `  ${g.groupId} ${g.status}: ${g.reasons.map((r) => r.detail).join(' ')}`).join('\n') + '\n';
  for (const t of report.tenants as Array<Report['tenants'][number] & Partial<TenantHealthReport>>) {
    if (!t.statusCounts || !t.survival) continue;
    const counts = HEALTH_STATUSES.map((s) => `${s} ${t.statusCounts![s]}`).join(', ');
    const s = t.survival;
    out += `\nTenant ${t.tenantId}: ${counts}\n` +
      `  alive 7 / 30 / 90 days after creation: ${pctText(s.d7.share)} of ${s.d7.groups}, ${pctText(s.d30.share)} of ${s.d30.groups}, ${pctText(s.d90.share)} of ${s.d90.groups}\n` +
      `  day-7 retention by join path: ${Object.entries(t.retentionByJoinPath ?? {}).map(([via, r]) => `${via} ${pctText(r.retentionD7)} (${r.memberships})`).join(', ')}\n` +
      `  join-week cohorts, day-1/7/30 retention: ${(t.cohorts ?? []).map((c) => `${c.week} ${pctText(c.retentionD1)}/${pctText(c.retentionD7)}/${pctText(c.retentionD30)} (${c.memberships})`).join(', ')}\n` +
      `  top inviters: ${(t.topInviters ?? []).slice(0, 5).map((i) => `${i.memberId} ${i.invited} invited, ${pctText(i.retentionD7)} kept at day 7`).join('; ')}\n`;
  }
  return out;
}

export const healthSection: ReportSection = { name: 'health', fill: fillHealth, renderText };

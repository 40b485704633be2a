// KOLs and group structure from the latest snapshot on or before the report's as-of day: per group
// the top 10 KOLs and the structure metrics; per tenant the top 50 org-wide KOLs of each horizon
// (current and established), bridges, spammers.
import type { KolHorizonName } from '@qunpulse/graph';
import type { GroupStructure } from '@qunpulse/graph';
import type { Warehouse } from '@qunpulse/warehouse';
import type { GroupReport, Report, ReportSection, TenantReport } from './types.js';
import { table } from './text-table.js';

export const GROUP_KOLS = 10;
export const TENANT_KOLS = 50;

export interface KolEntry {
  memberId: string;
  score: number;
  rank: number;
  metrics: { weightedInDegree: number; pagerank: number; betweenness: number; betweennessMode: string; coreness: number; messages: number; repliesReceived: number };
}

/** A group's structure metrics as stored for one day (the departure details are not stored). */
export type StructureEntry = Omit<GroupStructure, 'departures'> & { day: string };

export interface TenantMemberEntry {
  memberId: string;
  platform: string;
  score: number;
  rank: number;
  groups: number;
  bridgeGroups: number;
  messages: number;
  repliesReceived: number;
  metrics: { weightedInDegree: number; pagerank: number; betweenness: number };
}

const AS_OF_DAY = `toDate(fromUnixTimestamp64Milli({asOf:Int64}, 'UTC'))`;
const tenantFilter = (tenantId?: string) => (tenantId ? 'AND tenant_id = {tenant:String}' : '');

const latest = (table: string, key: string, tenantId?: string, where = '') =>
  `(${key}, day) IN (SELECT ${key}, max(day) FROM ${table} WHERE day <= ${AS_OF_DAY} ${tenantFilter(tenantId)} ${where} GROUP BY ${key})`;

interface MemberRow {
  tenant_id: string; platform: string; group_id: string; member_id: string; score: number; rank: number;
  weighted_in_degree: number; pagerank: number; betweenness: number; betweenness_mode: string; coreness: number; messages: number; replies_received: number;
}
interface StructureRow {
  tenant_id: string; platform: string; group_id: string; day: string; nodes: number; edges: number; absence_factor: number; message_gini: number;
  replied_share: number; reciprocity: number; density: number; largest_component_share: number;
  survival_without_top1: number; survival_without_top3: number; kol_count: number;
}
interface TenantRow {
  tenant_id: string; platform: string; member_id: string; score: number; rank: number; groups: number; bridge_groups: number;
  messages: number; replies_received: number; weighted_in_degree: number; pagerank: number; betweenness: number;
  is_bridge: number; is_spammer: number;
}

const groupKey = (t: string, p: string, g: string) => `${t}\u001f${p}\u001f${g}`;

async function readGroupKols(wh: Warehouse, asOf: number, tenantId?: string): Promise<Map<string, KolEntry[]>> {
  const rows = await wh.query<MemberRow>(
    `SELECT tenant_id, platform, group_id, member_id, score, rank, weighted_in_degree, pagerank, betweenness, betweenness_mode,
            coreness, messages, replies_received
     FROM member_kol_daily FINAL
     WHERE ${latest('member_kol_daily', 'tenant_id, platform, group_id', tenantId)} ${tenantFilter(tenantId)}
       AND rank BETWEEN 1 AND ${GROUP_KOLS}
     ORDER BY tenant_id, platform, group_id, rank`,
    { asOf, ...(tenantId ? { tenant: tenantId } : {}) },
  );
  const out = new Map<string, KolEntry[]>();
  for (const r of rows) {
    const k = groupKey(r.tenant_id, r.platform, r.group_id);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push({
      memberId: r.member_id, score: r.score, rank: r.rank,
      metrics: { weightedInDegree: r.weighted_in_degree, pagerank: r.pagerank, betweenness: r.betweenness, betweennessMode: r.betweenness_mode,
        coreness: r.coreness, messages: r.messages, repliesReceived: r.replies_received },
    });
  }
  return out;
}

async function readStructure(wh: Warehouse, asOf: number, tenantId?: string): Promise<Map<string, StructureEntry>> {
  const rows = await wh.query<StructureRow>(
    `SELECT tenant_id, platform, group_id, toString(day) AS day, nodes, edges, absence_factor, message_gini, replied_share, reciprocity,
            density, largest_component_share, survival_without_top1, survival_without_top3, kol_count
     FROM group_structure_daily FINAL
     WHERE ${latest('group_structure_daily', 'tenant_id, platform, group_id', tenantId)} ${tenantFilter(tenantId)}`,
    { asOf, ...(tenantId ? { tenant: tenantId } : {}) },
  );
  return new Map(rows.map((r) => [groupKey(r.tenant_id, r.platform, r.group_id), {
    day: r.day, nodes: r.nodes, edges: r.edges, absenceFactor: r.absence_factor, messageGini: r.message_gini, repliedShare: r.replied_share,
    reciprocity: r.reciprocity, density: r.density, largestComponentShare: r.largest_component_share,
    survivalWithoutTop1: r.survival_without_top1, survivalWithoutTop3: r.survival_without_top3, kolCount: r.kol_count,
  }]));
}

async function readTenantMembers(wh: Warehouse, asOf: number, tenantId?: string, horizon: KolHorizonName = 'current') {
  const inHorizon = `AND horizon = '${horizon}'`;
  const rows = await wh.query<TenantRow>(
    `SELECT tenant_id, platform, member_id, score, rank, groups, bridge_groups, messages, replies_received,
            weighted_in_degree, pagerank, betweenness, is_bridge, is_spammer
     FROM tenant_kol_daily FINAL
     WHERE ${latest('tenant_kol_daily', 'tenant_id, platform', tenantId, inHorizon)} ${tenantFilter(tenantId)} ${inHorizon}
       AND ((rank BETWEEN 1 AND ${TENANT_KOLS}) OR is_bridge = 1 OR is_spammer = 1)`,
    { asOf, ...(tenantId ? { tenant: tenantId } : {}) },
  );
  const byTenant = new Map<string, { kols: TenantMemberEntry[]; bridges: TenantMemberEntry[]; spammers: TenantMemberEntry[] }>();
  for (const r of rows) {
    let t = byTenant.get(r.tenant_id);
    if (!t) byTenant.set(r.tenant_id, (t = { kols: [], bridges: [], spammers: [] }));
    const entry: TenantMemberEntry = {
      memberId: r.member_id, platform: r.platform, score: r.score, rank: r.rank, groups: r.groups, bridgeGroups: r.bridge_groups,
      messages: r.messages, repliesReceived: r.replies_received,
      metrics: { weightedInDegree: r.weighted_in_degree, pagerank: r.pagerank, betweenness: r.betweenness },
    };
    if (r.rank >= 1 && r.rank <= TENANT_KOLS) t.kols.push(entry);
    if (r.is_bridge === 1) t.bridges.push(entry);
    if (r.is_spammer === 1) t.spammers.push(entry);
  }
  for (const t of byTenant.values()) {
    // A tenant on several platforms has one ranking per platform; the report merges them by score.
    t.kols.sort((a, b) => b.score - a.score || a.rank - b.rank).splice(TENANT_KOLS);
    t.bridges.sort((a, b) => b.metrics.betweenness - a.metrics.betweenness).splice(TENANT_KOLS);
    t.spammers.sort((a, b) => b.messages - a.messages).splice(TENANT_KOLS);
  }
  return byTenant;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function renderText(report: Report): string {
  const lines: string[] = [];
  const groupRows: string[][] = [];
  for (const g of report.groups) {
    const s = g.structure as StructureEntry | undefined;
    const kols = (g.kols as KolEntry[] | undefined) ?? [];
    if (!s && kols.length === 0) continue;
    groupRows.push([
      g.groupId, kols.slice(0, 3).map((k) => k.memberId).join(', ') || '-',
      s ? String(s.absenceFactor) : '-', s ? pct(s.repliedShare) : '-', s ? pct(s.largestComponentShare) : '-',
      s ? pct(s.survivalWithoutTop1) : '-', s ? pct(s.survivalWithoutTop3) : '-', s ? s.messageGini.toFixed(2) : '-',
    ]);
  }
  if (groupRows.length) {
    lines.push('KOLs and structure per group (absence factor: fewest members receiving half of all interaction; ' +
      'survives -1/-3: share of the rest still connected when the top KOL / top 3 leave)');
    lines.push(table(['group', 'top KOLs', 'absence', 'replied', 'connected', 'survives -1', 'survives -3', 'msg gini'], groupRows, [2, 3, 4, 5, 6, 7]));
  }
  for (const t of report.tenants) {
    const kols = (t.kols as TenantMemberEntry[] | undefined) ?? [];
    const bridges = (t.bridges as TenantMemberEntry[] | undefined) ?? [];
    const spammers = (t.spammers as TenantMemberEntry[] | undefined) ?? [];
    const established = (t.establishedKols as TenantMemberEntry[] | undefined) ?? [];
    if (!kols.length && !established.length && !bridges.length && !spammers.length) continue;
    // Member ids are per platform: name the platform when the tenant has several.
    const platforms = new Set([...kols, ...established, ...bridges, ...spammers].map((m) => m.platform));
    const who = (m: TenantMemberEntry) => (platforms.size > 1 ? `${m.memberId}@${m.platform}` : m.memberId);
    lines.push(`Tenant ${t.tenantId}`);
    if (kols.length) lines.push(`  org-wide KOLs now: ${kols.slice(0, 10).map((k) => `${who(k)} (${k.score.toFixed(2)}, ${k.groups} ${k.groups === 1 ? 'group' : 'groups'})`).join(', ')}`);
    if (established.length) lines.push(`  established KOLs (over about a year): ${established.slice(0, 10).map((k) => `${who(k)} (${k.score.toFixed(2)})`).join(', ')}`);
    if (bridges.length) lines.push(`  bridges between groups: ${bridges.slice(0, 10).map((b) => `${who(b)} (${b.bridgeGroups} groups)`).join(', ')}`);
    if (spammers.length) lines.push(`  ad spammers (never ranked): ${spammers.slice(0, 10).map((s) => `${who(s)} (${s.messages} msgs, ${s.repliesReceived} replies)`).join(', ')}`);
    lines.push('');
  }
  return lines.join('\n');
}

export const kolSection: ReportSection = {
  name: 'kol',
  async fill(wh, report, opts) {
    const [kols, structure, tenants, established] = await Promise.all([
      readGroupKols(wh, opts.asOf, opts.tenantId), readStructure(wh, opts.asOf, opts.tenantId), readTenantMembers(wh, opts.asOf, opts.tenantId),
      readTenantMembers(wh, opts.asOf, opts.tenantId, 'established'),
    ]);
    for (const g of report.groups as GroupReport[]) {
      const k = groupKey(g.tenantId, g.platform, g.groupId);
      g.kols = kols.get(k) ?? [];
      const s = structure.get(k);
      if (s) g.structure = s;
    }
    for (const t of report.tenants as TenantReport[]) {
      const m = tenants.get(t.tenantId);
      t.kols = m?.kols ?? [];
      t.bridges = m?.bridges ?? [];
      t.spammers = m?.spammers ?? [];
      t.establishedKols = established.get(t.tenantId)?.kols ?? [];
    }
  },
  renderText,
};

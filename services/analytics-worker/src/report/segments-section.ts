// Member segments in the report: per group (and per tenant across its groups) how many members sit
// in each segment on the latest judged day, and who moved where in the 7 days before it.
import { SEGMENTS, type Segment } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { TENANT_WIDE } from '../segments/compute.js';
import type { Report, ReportSection } from './types.js';
import { table } from './text-table.js';

const AS_OF_DAY = `toDate(fromUnixTimestamp64Milli({asOf:Int64}, 'UTC'))`;
const tenantFilter = (tenantId?: string) => (tenantId ? 'AND tenant_id = {tenant:String}' : '');
/** Each scope's latest judged day on or before the report's as-of day. */
const LATEST = (tenantId?: string) => `
  SELECT tenant_id, platform, group_id, max(day) AS latest FROM member_segment_daily
  WHERE day <= ${AS_OF_DAY} ${tenantFilter(tenantId)} GROUP BY tenant_id, platform, group_id`;

export interface SegmentMoveSummary { from: Segment | ''; to: Segment; members: number; sample: string[] }
export interface SegmentsReport {
  day: string;
  counts: Record<Segment, number>;
  /** Moves judged in the 7 days up to `day`, largest first; `sample` names up to 10 members. */
  movesThisWeek: SegmentMoveSummary[];
}

interface CountRow { tenant_id: string; platform: string; group_id: string; dkey: string; segment: Segment; n: number }
interface MoveRow { tenant_id: string; platform: string; group_id: string; from_segment: Segment | ''; to_segment: Segment; n: number; sample: string[] }

const scopeOf = (r: { tenant_id: string; platform: string; group_id: string }) => `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}`;

async function fill(wh: Warehouse, report: Report, opts: { asOf: number; tenantId?: string }): Promise<void> {
  const params = { asOf: opts.asOf, ...(opts.tenantId ? { tenant: opts.tenantId } : {}) };
  const [counts, moves] = await Promise.all([
    wh.query<CountRow>(`
      SELECT s.tenant_id AS tenant_id, s.platform AS platform, s.group_id AS group_id, toString(s.day) AS dkey, s.segment AS segment, count() AS n
      FROM member_segment_daily AS s FINAL
      WHERE (s.tenant_id, s.platform, s.group_id, s.day) IN (${LATEST(opts.tenantId)})
      GROUP BY tenant_id, platform, group_id, dkey, segment`, params),
    wh.query<MoveRow>(`
      SELECT m.tenant_id AS tenant_id, m.platform AS platform, m.group_id AS group_id, m.from_segment AS from_segment,
             m.to_segment AS to_segment, count() AS n, arraySort(groupArray(10)(m.member_id)) AS sample
      FROM member_segment_transitions AS m FINAL
      INNER JOIN (${LATEST(opts.tenantId)}) AS l ON l.tenant_id = m.tenant_id AND l.platform = m.platform AND l.group_id = m.group_id
      WHERE m.day > l.latest - 7 AND m.day <= l.latest
      GROUP BY tenant_id, platform, group_id, from_segment, to_segment`, params),
  ]);
  const entries = new Map<string, SegmentsReport>();
  for (const r of counts) {
    const e = entries.get(scopeOf(r)) ?? { day: r.dkey, counts: Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>, movesThisWeek: [] };
    e.counts[r.segment] = Number(r.n);
    entries.set(scopeOf(r), e);
  }
  for (const r of moves) {
    entries.get(scopeOf(r))?.movesThisWeek.push({ from: r.from_segment, to: r.to_segment, members: Number(r.n), sample: r.sample });
  }
  for (const e of entries.values()) e.movesThisWeek.sort((a, b) => b.members - a.members || a.to.localeCompare(b.to));
  for (const g of report.groups) {
    const e = entries.get(scopeOf({ tenant_id: g.tenantId, platform: g.platform, group_id: g.groupId }));
    if (e) g.segments = e;
  }
  for (const t of report.tenants) {
    // A tenant's groups may sit on several platforms: one view per platform.
    const views = [...entries].filter(([k]) => k.startsWith(`${t.tenantId}\u001f`) && k.endsWith(`\u001f${TENANT_WIDE}`))
      .map(([k, e]) => ({ platform: k.split('\u001f')[1]!, ...e }));
    if (views.length) t.segments = views;
  }
}

/** The moves an ops lead acts on first: into fading or churned, and out of the top segments. */
const WATCHED: ReadonlySet<Segment> = new Set(['fading', 'churned']);

function renderText(report: Report): string {
  const groups = report.groups.filter((g) => g.segments) as Array<Report['groups'][number] & { segments: SegmentsReport }>;
  if (!groups.length) return '';
  const rows = groups.map((g) => [
    g.tenantId, g.groupId, ...SEGMENTS.map((s) => String(g.segments.counts[s])), String(g.segments.movesThisWeek.reduce((n, m) => n + m.members, 0)),
  ]);
  let out = `Member segments on the latest judged day (moves: in the 7 days up to it)\n` +
    table(['tenant', 'group', ...SEGMENTS, 'moves'], rows, SEGMENTS.map((_, i) => i + 2).concat(SEGMENTS.length + 2));
  const watched = groups.flatMap((g) => g.segments.movesThisWeek.filter((m) => WATCHED.has(m.to))
    .map((m) => `  ${g.groupId}: ${m.from || 'new'} → ${m.to}: ${m.sample.join(', ')}${m.members > m.sample.length ? ` and ${m.members - m.sample.length} more` : ''}`));
  if (watched.length) out += '\nWho moved to fading or churned this week:\n' + watched.slice(0, 30).join('\n') + '\n';
  for (const t of report.tenants) {
    for (const v of (t.segments as Array<SegmentsReport & { platform: string }> | undefined) ?? []) {
      out += `\nTenant ${t.tenantId} (${v.platform}), members across its groups on ${v.day}: ${SEGMENTS.map((s) => `${s} ${v.counts[s]}`).join(', ')}\n`;
    }
  }
  return out;
}

export const segmentsSection: ReportSection = { name: 'segments', fill, renderText };

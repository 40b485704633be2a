// Response times in the report: for each measured group its latest 7-day service level (waits in
// work-hour minutes, the share answered within the target, median and 90th percentile) and each
// staff member's answers.
import type { SlaSummary } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey, rowGroupKey as keyOf } from '../context.js';
import type { Report, ReportSection } from './types.js';
import { table } from './text-table.js';

const AS_OF = `fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;
const tenantFilter = (tenantId?: string) => (tenantId ? 'AND tenant_id = {tenant:String}' : '');
// The latest day at or before as-of of each measured group (days are tenant-local: a day ahead of UTC at most).
const LATEST = (table: string, tenantId?: string) => `(tenant_id, platform, group_id, day) IN (
  SELECT tenant_id, platform, group_id, max(day) FROM ${table}
  WHERE day <= toDate(${AS_OF}) + 1 ${tenantFilter(tenantId)} GROUP BY tenant_id, platform, group_id)`;

export interface StaffSla { staffId: string; answered: number; withinShare: number | null; p50Minutes: number | null; p90Minutes: number | null }

export interface GroupSlaReport extends SlaSummary {
  day: string;
  windowDays: number;
  targetMinutes: number;
  breached: boolean;
  /** Enough waits were answered or overdue to judge the service level. */
  judged: boolean;
  staff: StaffSla[];
}

interface GroupRow {
  tenant_id: string; platform: string; group_id: string; dkey: string; window_days: number; target_minutes: number; questions: number;
  answered: number; within_target: number; overdue: number; within_share: number | null; p50_minutes: number | null; p90_minutes: number | null; breached: number; judged: number;
}
interface StaffRow { tenant_id: string; platform: string; group_id: string; staff_id: string; answered: number; within_share: number | null; p50_minutes: number | null; p90_minutes: number | null }

const num = (v: number | null) => (v === null ? null : Number(v));

async function fill(wh: Warehouse, report: Report, opts: { asOf: number; tenantId?: string }): Promise<void> {
  const params = { asOf: opts.asOf, ...(opts.tenantId ? { tenant: opts.tenantId } : {}) };
  const [groups, staff] = await Promise.all([
    wh.query<GroupRow>(`SELECT tenant_id, platform, group_id, toString(day) AS dkey, window_days, target_minutes, questions, answered,
        within_target, overdue, within_share, p50_minutes, p90_minutes, breached, judged
      FROM group_sla_daily FINAL WHERE ${LATEST('group_sla_daily', opts.tenantId)} ${tenantFilter(opts.tenantId)}`, params),
    wh.query<StaffRow>(`SELECT tenant_id, platform, group_id, staff_id, answered, within_share, p50_minutes, p90_minutes
      FROM staff_sla_daily FINAL WHERE ${LATEST('group_sla_daily', opts.tenantId)} ${tenantFilter(opts.tenantId)}
      ORDER BY answered DESC, staff_id`, params),
  ]);
  const staffBy = new Map<string, StaffSla[]>();
  for (const s of staff) {
    const list = staffBy.get(keyOf(s)) ?? [];
    list.push({ staffId: s.staff_id, answered: Number(s.answered), withinShare: num(s.within_share), p50Minutes: num(s.p50_minutes), p90Minutes: num(s.p90_minutes) });
    staffBy.set(keyOf(s), list);
  }
  const byGroup = new Map(groups.map((g) => [keyOf(g), g]));
  for (const g of report.groups) {
    const r = byGroup.get(groupKey(g));
    if (!r) continue;
    const sla: GroupSlaReport = {
      day: r.dkey, windowDays: Number(r.window_days), targetMinutes: Number(r.target_minutes), questions: Number(r.questions),
      answered: Number(r.answered), withinTarget: Number(r.within_target), overdue: Number(r.overdue), withinShare: num(r.within_share),
      p50Minutes: num(r.p50_minutes), p90Minutes: num(r.p90_minutes), breached: Number(r.breached) === 1, judged: Number(r.judged) === 1, staff: staffBy.get(groupKey(g)) ?? [],
    };
    g.sla = sla;
  }
}

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const mins = (v: number | null) => (v === null ? '—' : String(v));

function renderText(report: Report): string {
  const measured = report.groups.filter((g) => g.sla) as Array<Report['groups'][number] & { sla: GroupSlaReport }>;
  if (!measured.length) return '';
  const rows = measured.map((g) => [
    g.tenantId, g.groupId, g.name, String(g.sla.questions), String(g.sla.answered), pct(g.sla.withinShare), String(g.sla.overdue),
    mins(g.sla.p50Minutes), mins(g.sla.p90Minutes), String(g.sla.targetMinutes), !g.sla.judged ? 'too few waits' : g.sla.breached ? 'BROKEN' : 'met',
  ]);
  const staffRows = measured.flatMap((g) => g.sla.staff.map((s) => [g.groupId, s.staffId, String(s.answered), pct(s.withinShare), mins(s.p50Minutes), mins(s.p90Minutes)]));
  return `Response times: waits for a staff reply over 7 days, in work-hour minutes (acknowledgements neither ask nor answer)\n` +
    table(['tenant', 'group', 'name', 'waits', 'answered', 'in time', 'overdue', 'median min', 'p90 min', 'target min', 'service level'], rows, [3, 4, 5, 6, 7, 8, 9]) +
    (staffRows.length ? `\nBy staff member\n` + table(['group', 'staff', 'answered', 'in time', 'median min', 'p90 min'], staffRows, [2, 3, 4, 5]) : '');
}

export const slaSection: ReportSection = { name: 'sla', fill, renderText };

// Staff and bots apart, in the report: per group, the members' messages of the last 7 days beside
// the tenant's staff's and the bots' (which count in no other figure).
import type { Warehouse } from '@qunpulse/warehouse';
import type { Report, ReportSection } from './types.js';
import { table } from './text-table.js';

export interface StaffReport { memberMessages7d: number; staffMessages7d: number; botMessages7d: number }

async function fill(wh: Warehouse, report: Report, opts: { asOf: number; tenantId?: string }): Promise<void> {
  const rows = await wh.query<{ tenant_id: string; platform: string; group_id: string; human: number; staff: number; bots: number }>(`
    SELECT tenant_id, platform, group_id, sum(human_messages) AS human, sum(staff_messages) AS staff, sum(bot_messages) AS bots
    FROM group_activity_daily FINAL
    WHERE day > toDate(fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')) - 7 AND day <= toDate(fromUnixTimestamp64Milli({asOf:Int64}, 'UTC'))
      ${opts.tenantId ? 'AND tenant_id = {tenant:String}' : ''}
    GROUP BY tenant_id, platform, group_id`, { asOf: opts.asOf, ...(opts.tenantId ? { tenant: opts.tenantId } : {}) });
  const byGroup = new Map(rows.map((r) => [`${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}`, r]));
  for (const g of report.groups) {
    const r = byGroup.get(`${g.tenantId}\u001f${g.platform}\u001f${g.groupId}`);
    if (r) g.staffAndBots = { memberMessages7d: Number(r.human), staffMessages7d: Number(r.staff), botMessages7d: Number(r.bots) } satisfies StaffReport;
  }
}

function renderText(report: Report): string {
  const groups = (report.groups as Array<Report['groups'][number] & { staffAndBots?: StaffReport }>)
    .filter((g) => g.staffAndBots && (g.staffAndBots.staffMessages7d > 0 || g.staffAndBots.botMessages7d > 0));
  if (!groups.length) return '';
  return 'Staff and bots apart, last 7 days (bot messages count in no other figure; staff messages count apart)\n' + table(
    ['tenant', 'group', 'member messages', 'staff messages', 'bot messages'],
    groups.map((g) => [g.tenantId, g.groupId, String(g.staffAndBots!.memberMessages7d), String(g.staffAndBots!.staffMessages7d), String(g.staffAndBots!.botMessages7d)]),
    [2, 3, 4]);
}

export const staffSection: ReportSection = { name: 'staff', fill, renderText };

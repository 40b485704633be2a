import type { Warehouse } from '@qunpulse/warehouse';
import { latestEventTime } from '../groups.js';
import { REPORT_SECTIONS } from './sections.js';
import type { Report, ReportOptions, ReportSection } from './types.js';

export async function buildReport(wh: Warehouse, opts: ReportOptions = {}, sections: ReportSection[] = REPORT_SECTIONS): Promise<Report> {
  const asOf = opts.asOf ?? (await latestEventTime(wh, opts.tenantId)) ?? Date.now();
  const report: Report = { schema: 'qunpulse-report/v1', asOf: new Date(asOf).toISOString(), generatedAt: new Date().toISOString(), tenants: [], groups: [] };
  for (const s of sections) await s.fill(wh, report, { asOf, ...(opts.tenantId ? { tenantId: opts.tenantId } : {}) });
  return report;
}

export function renderReportText(report: Report, sections: ReportSection[] = REPORT_SECTIONS): string {
  // Summaries first (health, KOLs), the per-group count table last: it is the longest.
  const parts = sections.filter((s) => s.renderText && s.name !== 'counts').map((s) => s.renderText!(report));
  const counts = sections.find((s) => s.name === 'counts');
  if (counts?.renderText) parts.push(counts.renderText(report));
  return parts.filter(Boolean).join('\n');
}

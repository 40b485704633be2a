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

// The text form answers the first question first: which groups thrive or die and why, how each
// compares with its peers, then who holds them together and who is drifting away, how support
// groups answer and how groups grow through invitations, and last the raw event counts (the longest part).
const TEXT_ORDER = ['health', 'peers', 'kol', 'segments', 'staff', 'sla', 'fission', 'counts'];

export function renderReportText(report: Report, sections: ReportSection[] = REPORT_SECTIONS): string {
  const rank = (s: ReportSection) => {
    const i = TEXT_ORDER.indexOf(s.name);
    return i === -1 ? TEXT_ORDER.length - 1 : i;
  };
  return [...sections].sort((a, b) => rank(a) - rank(b))
    .filter((s) => s.renderText).map((s) => s.renderText!(report)).filter(Boolean).join('\n');
}

// Builds the report for the embedded warehouse: every dashboard's panels, from the same SQL.
import type { Warehouse } from '@qunpulse/warehouse';
import { DASHBOARDS } from '../dashboards/index.js';
import type { DashboardDef } from '../panels/types.js';
import { reportHtml, type ReportSection } from './page.js';
import { runPanel } from './run.js';
import { reportScope, variablesFor, type ReportScope } from './scope.js';

export interface Report {
  scope: ReportScope;
  sections: ReportSection[];
}

/** `extra`: dashboards after qunpulse's own (the extensions'). */
export async function buildReport(wh: Warehouse, opts: { tenant?: string; group?: string; extra?: readonly DashboardDef[] } = {}): Promise<Report> {
  const scope = await reportScope(wh, opts);
  const sections: ReportSection[] = [];
  for (const d of [...DASHBOARDS, ...(opts.extra ?? [])]) {
    const values = variablesFor(d.uid, scope);
    const results = [];
    for (const p of d.panels) results.push(await runPanel(wh, p, values, scope.range));
    sections.push({ dashboard: d, results });
  }
  return { scope, sections };
}

export function renderReportHtml(r: Report, generatedAt = new Date()): string {
  return reportHtml(r.scope, r.sections, generatedAt);
}

/** The report as data, for `qunpulse report --json`. */
export function reportJson(r: Report) {
  return {
    tenant: r.scope.tenant,
    spotlightGroup: r.scope.group,
    range: { from: new Date(r.scope.range.from).toISOString(), to: new Date(r.scope.range.to).toISOString() },
    dashboards: r.sections.map((s) => ({
      uid: s.dashboard.uid,
      title: s.dashboard.title,
      panels: s.results.map((x) => ({ id: x.panel.id, title: x.panel.title, columns: x.panel.columns, rows: x.rows })),
    })),
  };
}

// Everything Grafana provisions from infra/grafana that is generated from code: one JSON file per
// dashboard and the alert rules. Files are committed; a test fails when they are stale.
import { DASHBOARDS } from '../dashboards/index.js';
import { grafanaDashboard } from './dashboard.js';
import { grafanaAlertRules } from './alert-rules.js';

export interface GeneratedFile {
  /** Path relative to the repository root. */
  path: string;
  content: string;
}

const json = (x: unknown) => JSON.stringify(x, null, 2) + '\n';

export function generatedFiles(): GeneratedFile[] {
  return [
    ...DASHBOARDS.map((d) => ({ path: `infra/grafana/dashboards/${d.uid}.json`, content: json(grafanaDashboard(d)) })),
    { path: 'infra/grafana/provisioning/alerting/qunpulse-rules.json', content: json(grafanaAlertRules()) },
  ];
}

import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardDef } from '../panels/types.js';
import { grafanaPanel } from './panel.js';
import { grafanaVariable } from './variables.js';

export function grafanaDashboard(d: DashboardDef): dashboard.Dashboard {
  const b = new dashboard.DashboardBuilder(d.title)
    .uid(d.uid)
    .description(d.description)
    .tags(d.tags)
    .timezone('browser')
    .time({ from: 'now-90d', to: 'now' })
    .refresh('5m')
    .readonly();
  for (const v of d.variables) b.withVariable(grafanaVariable(v.name, v.includeAll));
  for (const p of d.panels) b.withPanel(grafanaPanel(p));
  return b.build();
}

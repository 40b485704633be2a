// Dashboard variables: tenant, platform, purpose, group. Each query reads the health table, so the
// choices are exactly the groups the dashboards can show.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { ALL, type VariableName } from '../panels/types.js';
import { DATASOURCE } from './defaults.js';

const QUERIES: Record<VariableName, { label: string; sql: string }> = {
  tenant: { label: 'Tenant', sql: 'SELECT DISTINCT tenant_id FROM group_health_daily ORDER BY tenant_id' },
  platform: { label: 'Platform', sql: "SELECT DISTINCT platform FROM group_health_daily WHERE tenant_id = '${tenant}' ORDER BY platform" },
  purpose: { label: 'Purpose', sql: "SELECT DISTINCT purpose FROM group_health_daily WHERE tenant_id = '${tenant}' ORDER BY purpose" },
  group: {
    label: 'Group',
    sql: `SELECT DISTINCT group_id FROM group_health_daily WHERE tenant_id = '\${tenant}' AND ('\${platform}' = '${ALL}' OR platform = '\${platform}') AND ('\${purpose}' = '${ALL}' OR purpose = '\${purpose}') ORDER BY group_id`,
  },
};

export function grafanaVariable(name: VariableName, includeAll: boolean): dashboard.QueryVariableBuilder {
  const q = QUERIES[name];
  const b = new dashboard.QueryVariableBuilder(name)
    .label(q.label)
    .datasource(DATASOURCE)
    .query(q.sql)
    .refresh(dashboard.VariableRefresh.OnDashboardLoad)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(false);
  if (includeAll) b.includeAll(true).allValue(ALL);
  return b;
}

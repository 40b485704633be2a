// WHERE fragments every panel shares, so "the selected tenant, platform, purpose and group" is
// spelled once. They interpolate to plain SQL in Grafana and to bound parameters in the report.
import { ALL } from './types.js';

/** Rows of the selected tenant and platform (`a` is an optional table alias). */
export function tenantScope(a = ''): string {
  const p = a ? `${a}.` : '';
  return `${p}tenant_id = '\${tenant}' AND ('\${platform}' = '${ALL}' OR ${p}platform = '\${platform}')`;
}

/** Groups of the selected purpose (purpose lives on the health rows). */
export function purposeScope(a = ''): string {
  const p = a ? `${a}.` : '';
  return `('\${purpose}' = '${ALL}' OR (${p}platform, ${p}group_id) IN (SELECT platform, group_id FROM group_health_daily WHERE tenant_id = '\${tenant}' AND purpose = '\${purpose}'))`;
}

/** The selected group (the Group dashboard always has one). */
export function groupScope(a = ''): string {
  const p = a ? `${a}.` : '';
  return `${tenantScope(a)} AND ${p}group_id = '\${group}'`;
}

export function groupsScope(a = ''): string {
  return `${tenantScope(a)} AND ${purposeScope(a)}`;
}

/** The selected group, or every group of the selected purpose when "All" is chosen. */
export function optionalGroupScope(a = ''): string {
  const p = a ? `${a}.` : '';
  return `${groupsScope(a)} AND ('\${group}' = '${ALL}' OR ${p}group_id = '\${group}')`;
}

/**
 * Rows of the selected tenant on views keyed by person (a person linked across platforms has
 * several): the platform filter keeps a person with an id on that platform.
 */
export function personScope(): string {
  return `tenant_id = '\${tenant}' AND ('\${platform}' = '${ALL}' OR has(platforms, '\${platform}'))`;
}

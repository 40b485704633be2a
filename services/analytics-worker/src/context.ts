import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';

/** A group is identified by tenant, platform and the platform's group id. */
export interface GroupRef {
  tenantId: string;
  platform: string;
  groupId: string;
}

export function groupKey(g: GroupRef): string {
  return `${g.tenantId}\u001f${g.platform}\u001f${g.groupId}`;
}

/** A warehouse row's group key (its tenant_id, platform and group_id columns). */
export function rowGroupKey(r: { tenant_id: string; platform: string; group_id: string }): string {
  return groupKey({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id });
}

/** Warehouse rows by their group's key, in their order. */
export function rowsByGroup<T extends { tenant_id: string; platform: string; group_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = rowGroupKey(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function parseGroupKey(key: string): GroupRef {
  const [tenantId, platform, groupId] = key.split('\u001f');
  return { tenantId: tenantId!, platform: platform!, groupId: groupId! };
}

/** What every recompute step gets. */
export interface RecomputeContext {
  warehouse: Warehouse;
  /** Compute as of this instant (epoch ms): only events at or before it count. */
  asOf: number;
  /** The groups to recompute (touched since the last run, or all on a full run). */
  groups: GroupRef[];
  log: Logger;
  /** The groups' tenants' time zone (recompute splits groups by zone); UTC when absent. */
  timeZone?: string;
}

export interface RecomputeStep {
  name: string;
  run(ctx: RecomputeContext): Promise<void>;
}

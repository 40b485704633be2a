import type { Warehouse } from '@qunpulse/warehouse';
import type { GroupRef } from './context.js';

/** Every group with at least one event, optionally for one tenant (from group_registry, not the history). */
export async function listGroups(wh: Warehouse, tenantId?: string): Promise<GroupRef[]> {
  const rows = await wh.query<{ tenant_id: string; platform: string; group_id: string }>(
    `SELECT DISTINCT tenant_id, platform, group_id FROM group_registry
     ${tenantId ? 'WHERE tenant_id = {tenant:String}' : ''} ORDER BY tenant_id, platform, group_id`,
    tenantId ? { tenant: tenantId } : undefined,
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id }));
}

/** The latest event time in the warehouse: the natural "now" for analysing an import. */
export async function latestEventTime(wh: Warehouse, tenantId?: string): Promise<number | undefined> {
  const rows = await wh.query<{ t: number | null; n: number }>(
    `SELECT toUnixTimestamp64Milli(max(last_at)) AS t, count() AS n FROM group_registry
     ${tenantId ? 'WHERE tenant_id = {tenant:String}' : ''}`,
    tenantId ? { tenant: tenantId } : undefined,
  );
  return rows[0] && rows[0].n > 0 && rows[0].t !== null ? rows[0].t : undefined;
}

// Tenant settings kept in the warehouse: the IANA time zone that decides where a tenant's days begin.
import { isTimeZone } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { z } from 'zod';

export const DEFAULT_TIME_ZONE = 'UTC';

export const timeZoneSchema = z.string().min(1).refine(isTimeZone, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone name (for example Asia/Shanghai, Europe/Berlin, UTC)`,
});

/** Sets a tenant's time zone; days already computed keep theirs until recomputed. */
export async function setTenantTimeZone(wh: Warehouse, tenantId: string, timeZone: string): Promise<void> {
  const parsed = timeZoneSchema.safeParse(timeZone);
  if (!parsed.success) throw new Error(`time zone: ${parsed.error.issues[0]!.message}`);
  if (!tenantId) throw new Error('tenant: must not be empty');
  const tz = parsed.data;
  await wh.insert('tenant_settings', [{ tenant_id: tenantId, time_zone: tz }]);
}

/** The time zone of each tenant asked for (UTC for tenants without a setting). */
export async function readTenantTimeZones(wh: Warehouse, tenantIds: Iterable<string>): Promise<Map<string, string>> {
  const tenants = [...new Set(tenantIds)];
  const out = new Map(tenants.map((t) => [t, DEFAULT_TIME_ZONE]));
  if (tenants.length === 0) return out;
  const rows = await wh.query<{ tenant_id: string; time_zone: string }>(
    `SELECT tenant_id, argMax(time_zone, updated_at) AS time_zone FROM tenant_settings
     WHERE tenant_id IN {tenants:Array(String)} GROUP BY tenant_id`, { tenants });
  for (const r of rows) if (isTimeZone(r.time_zone)) out.set(r.tenant_id, r.time_zone);
  return out;
}

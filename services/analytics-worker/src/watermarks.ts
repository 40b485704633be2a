// Durable progress of the analytics, kept in the warehouse so a restart resumes where it stopped:
// the last day-mark consumed, and per tenant the last day judged.
import type { Warehouse } from '@qunpulse/warehouse';

export type WatermarkName = 'marks' | 'judged_day';

export async function readWatermark(wh: Warehouse, name: WatermarkName, tenantId = ''): Promise<number | undefined> {
  const rows = await wh.query<{ value: number; n: number }>(
    `SELECT argMax(value, updated_at) AS value, count() AS n FROM analytics_watermarks
     WHERE name = {name:String} AND tenant_id = {tenant:String}`, { name, tenant: tenantId });
  return rows[0] && Number(rows[0].n) > 0 ? Number(rows[0].value) : undefined;
}

export async function readWatermarks(wh: Warehouse, name: WatermarkName): Promise<Map<string, number>> {
  const rows = await wh.query<{ tenant_id: string; value: number }>(
    `SELECT tenant_id, argMax(value, updated_at) AS value FROM analytics_watermarks
     WHERE name = {name:String} GROUP BY tenant_id`, { name });
  return new Map(rows.map((r) => [r.tenant_id, Number(r.value)]));
}

export async function writeWatermark(wh: Warehouse, name: WatermarkName, value: number, tenantId = ''): Promise<void> {
  await wh.insert('analytics_watermarks', [{ name, tenant_id: tenantId, value, updated_at: new Date().toISOString() }]);
}

// The tenants the daily judgement has judged, with their time zone and the last day judged: what
// anything scheduled on tenant-local days (the weekly digest) needs to know it may run.
import type { Warehouse } from '@qunpulse/warehouse';
import { dayOfNumber } from './daily-judgement.js';
import { readTenantTimeZones } from './tenants.js';
import { readWatermarks } from './watermarks.js';

export interface JudgedTenant {
  tenantId: string;
  timeZone: string;
  judgedDay: string;
}

export async function readJudgedTenants(wh: Warehouse): Promise<JudgedTenant[]> {
  const judged = await readWatermarks(wh, 'judged_day');
  const zones = await readTenantTimeZones(wh, judged.keys());
  return [...judged].filter(([t]) => t !== '').map(([tenantId, n]) => ({ tenantId, timeZone: zones.get(tenantId)!, judgedDay: dayOfNumber(n) }));
}

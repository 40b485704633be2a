// The daily judgement: at each day boundary in a tenant's time zone, every group that is not yet
// dead gets its health for the day that ended, whether or not it received events, so a group that
// falls silent is still judged declining, dying and then dead. Days missed during downtime are
// judged in order; judging a day again writes the same rows.
import { addDays, dayEnd, daysBetween, localDay } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import type { GroupRef } from './context.js';
import { readTenantTimeZones } from './tenants.js';
import { readWatermarks } from './watermarks.js';

const EPOCH_DAY = '1970-01-01';

export const dayNumber = (day: string): number => daysBetween(EPOCH_DAY, day);
export const dayOfNumber = (n: number): string => addDays(EPOCH_DAY, n);

export interface JudgementDay {
  tenantId: string;
  timeZone: string;
  day: string;
  /** The last millisecond of the day in the tenant's zone: the as-of of its judgement. */
  asOf: number;
}

/**
 * The days each tenant still owes a judgement as of `now`, oldest first: from the day after its
 * watermark to yesterday (its zone), at most `maxDays`. A tenant never judged starts at yesterday.
 */
export async function pendingDays(wh: Warehouse, now: number, maxDays: number): Promise<JudgementDay[]> {
  const tenants = (await wh.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM group_registry ORDER BY tenant_id')).map((r) => r.tenant_id);
  if (tenants.length === 0) return [];
  const zones = await readTenantTimeZones(wh, tenants);
  const judged = await readWatermarks(wh, 'judged_day');
  const out: JudgementDay[] = [];
  for (const tenantId of tenants) {
    const timeZone = zones.get(tenantId)!;
    const yesterday = addDays(localDay(now, timeZone), -1);
    const last = judged.get(tenantId);
    let day = last === undefined ? yesterday : dayOfNumber(last + 1);
    const earliest = addDays(yesterday, -(maxDays - 1));
    if (day < earliest) day = earliest;
    for (; day <= yesterday; day = addDays(day, 1)) out.push({ tenantId, timeZone, day, asOf: dayEnd(day, timeZone) });
  }
  return out.sort((a, b) => a.day.localeCompare(b.day) || a.tenantId.localeCompare(b.tenantId));
}

/**
 * The tenant's groups to judge for a day: every group that existed by its end, except those already
 * dead the day before that stayed without events (a dead group that talks again is judged again).
 */
export async function groupsToJudge(wh: Warehouse, d: JudgementDay): Promise<GroupRef[]> {
  const rows = await wh.query<{ tenant_id: string; platform: string; group_id: string }>(`
    SELECT g.tenant_id AS tenant_id, g.platform AS platform, g.group_id AS group_id
    FROM (
      SELECT tenant_id, platform, group_id, min(first_at) AS first_at, max(last_at) AS last_at
      FROM group_registry WHERE tenant_id = {tenant:String} GROUP BY tenant_id, platform, group_id
    ) AS g
    LEFT JOIN (
      SELECT tenant_id, platform, group_id, argMax(status, day) AS status FROM group_health_daily FINAL
      WHERE tenant_id = {tenant:String} AND day < {day:Date} AND day >= {day:Date} - 60
      GROUP BY tenant_id, platform, group_id
    ) AS h ON h.tenant_id = g.tenant_id AND h.platform = g.platform AND h.group_id = g.group_id
    WHERE g.first_at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')
      AND (h.status != 'dead' OR g.last_at >= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC') - INTERVAL 1 DAY)
    ORDER BY platform, group_id`, { tenant: d.tenantId, day: d.day, asOf: d.asOf });
  return rows.map((r) => ({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id }));
}

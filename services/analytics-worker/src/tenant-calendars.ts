// A tenant's holiday calendar, kept in the warehouse and validated on the way in and out with the
// schema the health rules use: the built-in holidays that apply and the tenant's own ranges.
import { DEFAULT_CALENDAR, parseHolidayCalendar, type HolidayCalendar } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';

/** Replaces a tenant's calendar; throws naming each invalid field. Returns the calendar stored. */
export async function setTenantCalendar(wh: Warehouse, tenantId: string, input: unknown, source = 'holiday calendar'): Promise<HolidayCalendar> {
  if (!tenantId) throw new Error('tenant: must not be empty');
  const calendar = parseHolidayCalendar(input, source);
  await wh.insert('tenant_calendars', [{ tenant_id: tenantId, calendar: JSON.stringify(calendar) }]);
  return calendar;
}

/** Each tenant's calendar (the built-in one for tenants without their own). */
export async function readTenantCalendars(wh: Warehouse, tenantIds: Iterable<string>): Promise<Map<string, HolidayCalendar>> {
  const tenants = [...new Set(tenantIds)];
  const out = new Map(tenants.map((t) => [t, DEFAULT_CALENDAR]));
  if (tenants.length === 0) return out;
  const rows = await wh.query<{ tenant_id: string; calendar: string }>(
    `SELECT tenant_id, argMax(calendar, updated_at) AS calendar FROM tenant_calendars
     WHERE tenant_id IN {tenants:Array(String)} GROUP BY tenant_id`, { tenants });
  for (const r of rows) out.set(r.tenant_id, parseHolidayCalendar(JSON.parse(r.calendar), `stored calendar of tenant ${r.tenant_id}`));
  return out;
}

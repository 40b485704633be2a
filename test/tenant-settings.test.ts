// What a tenant tells qunpulse about itself, applied by the worker against the real ClickHouse
// engine: its staff and bots are never ranked as KOLs; both KOL horizons are stored and reported
// (who holds the community now, who has held it over about a year); its own holidays widen the
// activity baseline like the built-in ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import {
  buildReport, kolStep, listGroups, readTenantAccounts, recompute, refreshStepsOf, renderReportText, RECOMPUTE_STEPS,
  setTenantAccounts, setTenantCalendar,
} from '@qunpulse/analytics-worker';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { testWarehouse } from './support/kit.js';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1, 0, 0);
const AS_OF = START + 730 * DAY + 12 * 3_600_000;

let n = 0;
const base = (tenantId: string, groupId: string, at: number) => ({ eventId: `e${++n}`, tenantId, platform: 'discord' as const, groupId, occurredAt: new Date(at).toISOString() });
const say = (tenantId: string, groupId: string, memberId: string, at: number, replyTo?: { eventId: string; memberId: string }): ChatEventInput =>
  ({ ...base(tenantId, groupId, at), type: 'message', memberId, message: { kind: 'text', ...(replyTo ? { replyTo } : {}) } }) as ChatEventInput;

/** A question from `asker` at `hour`, answered by `by`, and the asker's thanks to the answer. */
function answered(tenantId: string, day: number, hour: number, asker: string, by: string): ChatEventInput[] {
  const at = START + day * DAY + hour * 3_600_000;
  const q = say(tenantId, 'g', asker, at);
  const a = say(tenantId, 'g', by, at + 60_000, { eventId: q.eventId, memberId: asker });
  return [q, a, say(tenantId, 'g', asker, at + 120_000, { eventId: a.eventId, memberId: by })];
}

/** One question a day from a rotating asker answered by `hub`; with `staff`, two more answered by staff. */
function answeredDay(tenantId: string, day: number, hub: string, staff?: string): ChatEventInput[] {
  const out = answered(tenantId, day, 9, `m${day % 12}`, hub);
  if (staff) out.push(...answered(tenantId, day, 11, `m${(day + 5) % 12}`, staff), ...answered(tenantId, day, 13, `m${(day + 7) % 12}`, staff));
  return out;
}

/**
 * Two years of one group: `veteran` answered every day of the first 500 days and then stopped;
 * `rising` answers every day of the last 60; `helpdesk` (the tenant's staff) answers twice as much
 * as anyone in the last 60 days.
 */
function kolHistory(tenantId: string): ChatEventInput[] {
  const events: ChatEventInput[] = [{ ...base(tenantId, 'g', START), type: 'group_created', memberId: 'owner', group: { name: 'g', purpose: 'interest' } } as ChatEventInput];
  for (let day = 0; day < 500; day++) events.push(...answeredDay(tenantId, day, 'veteran'));
  for (let day = 670; day < 730; day++) events.push(...answeredDay(tenantId, day, 'rising', 'helpdesk'));
  return events;
}

type KolRow = { member_id: string; rank: number; horizon: string };
const ranks = async (wh: Warehouse, tenantId: string, day: string) => wh.query<KolRow>(
  'SELECT member_id, rank, horizon FROM tenant_kol_daily FINAL WHERE tenant_id = {t:String} AND day = {d:Date} ORDER BY horizon, rank',
  { t: tenantId, d: day });
const topOf = (rows: KolRow[], horizon: string) => rows.find((r) => r.horizon === horizon && r.rank === 1)?.member_id;

// One embedded engine per process: the two parts use different tenants of one store.
let wh: Warehouse;
beforeAll(async () => { wh = await testWarehouse(); });
afterAll(async () => { await wh?.close(); });

describe('tenant staff and bots, and the two KOL horizons', () => {
  beforeAll(async () => { await loadEvents(wh, kolHistory('kt')); });

  it('stores both horizons: the member who holds the group now, and the one who held it over the past year', async () => {
    await recompute({ warehouse: wh, asOf: AS_OF, groups: await listGroups(wh, 'kt'), log: silentLogger() }, [kolStep]);
    const rows = await ranks(wh, 'kt', '2025-12-31');
    // Unlisted, the staff account answering most is the current KOL: the listing below is what changes it.
    expect(topOf(rows, 'current')).toBe('helpdesk');
    // The veteran stopped 230 days ago: outside the current window, first over the year.
    expect(rows.filter((r) => r.horizon === 'current').map((r) => r.member_id)).not.toContain('veteran');
    expect(topOf(rows, 'established')).toBe('veteran');
  });

  it('never ranks listed staff and bots, in the group or tenant-wide, and unlisting takes an account off the list', async () => {
    await setTenantAccounts(wh, 'kt', [{ memberId: 'helpdesk', role: 'staff' }, { memberId: 'm3', role: 'bot' }]);
    const listed = (await readTenantAccounts(wh, ['kt'])).get('kt')!;
    expect([...listed.staff]).toEqual(['helpdesk']);
    expect([...listed.bots]).toEqual(['m3']);

    await recompute({ warehouse: wh, asOf: AS_OF + DAY, groups: await listGroups(wh, 'kt'), log: silentLogger() }, [kolStep]);
    const rows = await ranks(wh, 'kt', '2026-01-01');
    expect(topOf(rows, 'current')).toBe('rising');
    for (const h of ['current', 'established']) {
      expect(rows.find((r) => r.horizon === h && r.member_id === 'helpdesk')?.rank ?? 0).toBe(0);
      expect(rows.find((r) => r.horizon === h && r.member_id === 'm3')?.rank ?? 0).toBe(0);
    }
    const [group] = await wh.query<{ rank: number }>(
      "SELECT rank FROM member_kol_daily FINAL WHERE tenant_id = 'kt' AND member_id = 'helpdesk' AND day = '2026-01-01'");
    expect(group!.rank).toBe(0);

    await setTenantAccounts(wh, 'kt', [{ memberId: 'm3', role: null }]);
    expect((await readTenantAccounts(wh, ['kt'])).get('kt')!.bots.size).toBe(0);
  });

  it('shows both horizons in the report', async () => {
    const text = renderReportText(await buildReport(wh, { asOf: AS_OF + DAY, tenantId: 'kt' }));
    expect(text).toMatch(/org-wide KOLs now: rising \(/);
    expect(text).toMatch(/established KOLs \(over about a year\): veteran \(/);
    expect(text).not.toMatch(/KOLs[^\n]*helpdesk/);
  });

  it('rejects a member id that is empty, naming it', async () => {
    await expect(setTenantAccounts(wh, 'kt', [{ memberId: ' ', role: 'staff' }])).rejects.toThrow(/member id 1 \(" "\): must not be empty/);
  });
});

/** Eight weeks of a steady group, then a last week at 40% of its usual activity. */
function steadyThenDip(tenantId: string, end: number): ChatEventInput[] {
  const events: ChatEventInput[] = [{ ...base(tenantId, 'g', end - 70 * DAY), type: 'group_created', memberId: 'owner', group: { name: 'g', purpose: 'interest' } } as ChatEventInput];
  for (let d = 63; d >= 1; d--) {
    const dip = d <= 7;
    const speakers = dip ? 4 : 10;
    for (let s = 0; s < speakers; s++) {
      for (let k = 0; k < 3; k++) events.push(say(tenantId, 'g', `p${s}`, end - d * DAY + (s * 3 + k) * 600_000));
    }
  }
  return events;
}

describe("a tenant's own holidays", () => {
  // The dip is the 7 days before as-of: 2026-05-04 … 2026-05-10.
  const end = Date.UTC(2026, 4, 11);
  beforeAll(async () => {
    await loadEvents(wh, [...steadyThenDip('plain', end), ...steadyThenDip('retreat', end)]);
    await setTenantCalendar(wh, 'retreat', { custom: [{ name: 'company retreat', from: '2026-05-04', to: '2026-05-10' }] });
    const groups = (await listGroups(wh)).filter((g) => g.tenantId !== 'kt');
    await recompute({ warehouse: wh, asOf: end - 1, groups, log: silentLogger() }, refreshStepsOf(RECOMPUTE_STEPS));
  });

  it('judges the dip of its holiday week as the calendar, while the same dip without the holiday is a decline', async () => {
    const rows = await wh.query<{ tenant_id: string; status: string; reason_codes: string[] }>(
      "SELECT tenant_id, status, reason_codes FROM group_health_daily FINAL WHERE day = '2026-05-10' ORDER BY tenant_id");
    const of = (t: string) => rows.find((r) => r.tenant_id === t)!;
    expect(of('plain').reason_codes.some((c) => c.startsWith('activity_'))).toBe(true);
    expect(of('retreat').reason_codes.filter((c) => c.startsWith('activity_'))).toEqual([]);
    expect(['declining', 'dying']).not.toContain(of('retreat').status);
  });

  it('rejects an invalid calendar, naming the field and the reason', async () => {
    await expect(setTenantCalendar(wh, 'retreat', { custom: [{ name: 'x', from: '2026-05-10', to: '2026-05-04' }] }))
      .rejects.toThrow(/custom\.0\.to: must be on or after from/);
    await expect(setTenantCalendar(wh, 'retreat', { builtIn: ['diwali'] })).rejects.toThrow(/builtIn\.0/);
  });
});

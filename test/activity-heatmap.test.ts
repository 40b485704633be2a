// The hour × weekday heatmap in the tenant's own time zone, from events through the activity step
// into group_activity_hourly and out of the dashboards' panel SQL, with known answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import { activityStep, listGroups, recompute, setTenantTimeZone } from '@qunpulse/analytics-worker';
import { DASHBOARDS, runPanel } from '@qunpulse/dashboards';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { testWarehouse } from './support/kit.js';

const T = 'heat';
let n = 0;
const say = (groupId: string, memberId: string, utc: string, extra: Record<string, unknown> = {}): ChatEventInput =>
  ({ eventId: `h${++n}`, tenantId: T, platform: 'wecom', groupId, type: 'message', memberId, occurredAt: utc, message: { kind: 'text', text: `msg ${n}`, ...extra } }) as ChatEventInput;
const created = (groupId: string): ChatEventInput =>
  ({ eventId: `c-${groupId}`, tenantId: T, platform: 'wecom', groupId, type: 'group_created', memberId: 'owner', occurredAt: '2026-03-01T00:00:00Z', group: { name: groupId, purpose: 'interest' } }) as ChatEventInput;
const panel = (id: string) => DASHBOARDS.flatMap((d) => d.panels).find((p) => p.id === id)!;
const RANGE = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 20) };

describe('hour × weekday heatmap in the tenant time zone', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await testWarehouse();
    await setTenantTimeZone(wh, T, 'Asia/Shanghai');
    await loadEvents(wh, [
      created('g'), created('x1'), created('x2'),
      // Monday 2026-03-09 09:05–09:25 in Shanghai (01:05–01:25 UTC): three messages.
      say('g', 'a', '2026-03-09T01:05:00Z'), say('g', 'b', '2026-03-09T01:15:00Z'), say('g', 'a', '2026-03-09T01:25:00Z'),
      // Sunday 2026-03-08 23:30 in Shanghai is still Sunday in UTC, but 15:30 there.
      say('g', 'c', '2026-03-08T15:30:00Z'),
      // Monday 00:30 in Shanghai is Sunday 16:30 UTC.
      say('g', 'c', '2026-03-08T16:30:00Z'),
      // Tuesday 10:00 in Shanghai: a link that will later turn out to be an ad.
      say('g', 'd', '2026-03-10T02:00:00Z', { text: 'great deal http://ad.example/x', hasLink: true }),
    ]);
    await recompute({ warehouse: wh, asOf: Date.UTC(2026, 2, 11), groups: await listGroups(wh, T), log: silentLogger() }, [activityStep]);
  });
  afterAll(async () => { await wh?.close(); });

  const grid = async () => {
    const { rows } = await runPanel(wh, panel('group_hour_weekday'), { tenant: T, platform: '__all', purpose: '__all', group: 'g' }, RANGE);
    return new Map(rows.map((r) => [String(r.hour_of_day), r as Record<string, number>]));
  };

  it('stores each hour on the local day, hour and weekday', async () => {
    const rows = await wh.query<{ day: string; hour: number; weekday: number; human_messages: number }>(
      "SELECT toString(day) AS day, hour, weekday, human_messages FROM group_activity_hourly FINAL WHERE tenant_id = {t:String} AND group_id = 'g' ORDER BY day, hour", { t: T });
    expect(rows).toEqual([
      { day: '2026-03-08', hour: 23, weekday: 7, human_messages: 1 },
      { day: '2026-03-09', hour: 0, weekday: 1, human_messages: 1 },
      { day: '2026-03-09', hour: 9, weekday: 1, human_messages: 3 },
      { day: '2026-03-10', hour: 10, weekday: 2, human_messages: 1 },
    ]);
  });

  it('draws 24 hours × 7 weekdays as shares of the busiest cell', async () => {
    const g = await grid();
    expect([...g.keys()]).toEqual(Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`));
    expect(g.get('09:00')).toMatchObject({ mon: 1, tue: 0, sun: 0 });
    expect(g.get('23:00')!.sun).toBeCloseTo(0.333, 3);
    expect(g.get('00:00')!.mon).toBeCloseTo(0.333, 3);
    expect(g.get('10:00')!.tue).toBeCloseTo(0.333, 3);
    expect(g.get('15:00')).toMatchObject({ mon: 0, tue: 0, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0 });
  });

  it('clears an hour whose only message is later recognised as an ad', async () => {
    // The same link text in two more groups: an ad repeated across three groups.
    await loadEvents(wh, [
      say('x1', 'd', '2026-03-10T03:00:00Z', { text: 'great deal http://ad.example/x', hasLink: true }),
      say('x2', 'd', '2026-03-10T04:00:00Z', { text: 'great deal http://ad.example/x', hasLink: true }),
    ]);
    await recompute({ warehouse: wh, asOf: Date.UTC(2026, 2, 11, 1), groups: await listGroups(wh, T), log: silentLogger() }, [activityStep]);
    expect((await grid()).get('10:00')!.tue).toBe(0);
    const { rows } = await runPanel(wh, panel('tenant_hour_weekday'), { tenant: T, platform: '__all', purpose: '__all', group: '__all' }, RANGE);
    expect(rows.find((r) => r.hour_of_day === '09:00')).toMatchObject({ mon: 1 });
    expect(rows.every((r) => r.tue === 0)).toBe(true);
  });
});

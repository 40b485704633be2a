// A tenant's days are its own: in Asia/Shanghai a day runs 00:00–24:00 local time (16:00–16:00
// UTC), for activity, health, retention cohorts and the daily judgement alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import { listGroups, pendingDays, recompute, setTenantTimeZone } from '@qunpulse/analytics-worker';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { testWarehouse } from './support/kit.js';

// 2026-03-02 23:30 and 2026-03-03 00:30 in Shanghai (UTC+8): both on 2026-03-02 in UTC.
const LATE = Date.UTC(2026, 2, 2, 15, 30);
const EARLY = Date.UTC(2026, 2, 2, 16, 30);

let n = 0;
function conversation(tenantId: string): ChatEventInput[] {
  const base = (at: number) => ({ eventId: `e${++n}`, tenantId, platform: 'wecom' as const, groupId: 'g', occurredAt: at });
  return [
    { ...base(Date.UTC(2026, 2, 1, 2)), type: 'group_created', memberId: 'owner', group: { name: 'g', purpose: 'interest' } },
    // Sunday 2026-03-01 23:50 local in Shanghai, still Sunday in UTC: the cohort week is the one
    // beginning Monday 2026-02-23 either way; 2026-03-02 00:10 Shanghai is Monday there, Sunday in UTC.
    { ...base(Date.UTC(2026, 2, 1, 16, 10)), type: 'member_joined', memberId: 'newbie', join: { via: 'invite', inviterId: 'owner' } },
    { ...base(LATE), type: 'message', memberId: 'a', message: { kind: 'text', text: 'good night everyone' } },
    { ...base(EARLY), type: 'message', memberId: 'b', message: { kind: 'text', text: 'still awake here' } },
  ] as ChatEventInput[];
}

describe('tenant time zones', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await testWarehouse();
    await setTenantTimeZone(wh, 'sh', 'Asia/Shanghai');
    await loadEvents(wh, [...conversation('sh'), ...conversation('utc')]);
    // 2026-03-03 01:00 in Shanghai, still 2026-03-02 in UTC.
    await recompute({ warehouse: wh, asOf: Date.UTC(2026, 2, 2, 17), groups: await listGroups(wh), log: silentLogger() });
  });
  afterAll(async () => { await wh.close(); });

  it('puts 23:30 and 00:30 local time on different days for a tenant in Asia/Shanghai, and on one day in UTC', async () => {
    const rows = await wh.query<{ tenant_id: string; day: string; human_messages: number }>(
      `SELECT tenant_id, toString(day) AS day, human_messages FROM group_activity_daily FINAL
       WHERE human_messages > 0 ORDER BY tenant_id, day`);
    expect(rows.map((r) => [r.tenant_id, r.day, Number(r.human_messages)])).toEqual([
      ['sh', '2026-03-02', 1],
      ['sh', '2026-03-03', 1],
      ['utc', '2026-03-02', 2],
    ]);
    const last = await wh.query<{ tenant_id: string; day: string }>(
      'SELECT tenant_id, toString(max(day)) AS day FROM group_activity_daily FINAL GROUP BY tenant_id ORDER BY tenant_id');
    expect(last).toEqual([{ tenant_id: 'sh', day: '2026-03-03' }, { tenant_id: 'utc', day: '2026-03-02' }]);
  });

  it('dates the health verdict and the retention cohort in the tenant zone', async () => {
    const health = await wh.query<{ tenant_id: string; day: string }>(
      'SELECT tenant_id, toString(max(day)) AS day FROM group_health_daily FINAL GROUP BY tenant_id ORDER BY tenant_id');
    expect(health).toEqual([{ tenant_id: 'sh', day: '2026-03-03' }, { tenant_id: 'utc', day: '2026-03-02' }]);
    const cohorts = await wh.query<{ tenant_id: string; week: string }>(
      'SELECT tenant_id, toString(join_week) AS week FROM member_retention FINAL ORDER BY tenant_id');
    expect(cohorts).toEqual([{ tenant_id: 'sh', week: '2026-03-02' }, { tenant_id: 'utc', week: '2026-02-23' }]);
  });

  it('judges a tenant day once it has ended in the tenant zone', async () => {
    // 2026-03-03 00:10 in Shanghai is 2026-03-02 16:10 in UTC: Shanghai owes 03-02, UTC only 03-01.
    const pending = await pendingDays(wh, Date.UTC(2026, 2, 2, 16, 10), 1);
    expect(pending.map((p) => [p.tenantId, p.day, new Date(p.asOf).toISOString()])).toEqual([
      ['utc', '2026-03-01', '2026-03-01T23:59:59.999Z'],
      ['sh', '2026-03-02', '2026-03-02T15:59:59.999Z'],
    ]);
  });

  it('refuses a time zone it does not know, naming it', async () => {
    await expect(setTenantTimeZone(wh, 'x', 'Mars/Olympus_Mons')).rejects.toThrow(/^time zone: "Mars\/Olympus_Mons" is not an IANA time zone name/);
  });
});

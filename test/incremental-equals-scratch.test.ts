// The live worker's incremental results equal a computation from scratch over the same history:
// one tenant is fed day by day to the AnalyticsWorker (marks, refreshes, daily judgements); a copy
// of the same events under another tenant id is computed once, from nothing, as of the same day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_PURPOSES, type ChatEventInput } from '@qunpulse/contracts';
import { AnalyticsWorker, listGroups, recompute, setTenantAccounts, setTenantSla, setTenantTimeZone } from '@qunpulse/analytics-worker';
import { addDays, dayEnd, dayStart, localDay } from '@qunpulse/health';
import { silentLogger } from '@qunpulse/runtime';
import { Simulation } from '@qunpulse/simulator';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { testWarehouse } from './support/kit.js';

const TZ = 'Asia/Shanghai';
const SEED = 5150;
const DAYS = 49;

const asTenant = (events: ChatEventInput[], tenantId: string) => events.map((e) => ({ ...e, tenantId })) as ChatEventInput[];

describe('incremental analytics equal a from-scratch computation', () => {
  let wh: Warehouse;
  let judgedDay: string;
  let judgedGroups: string[];

  beforeAll(async () => {
    wh = await testWarehouse();
    await setTenantTimeZone(wh, 'inc', TZ);
    await setTenantTimeZone(wh, 'full', TZ);
    const sim = new Simulation({ groups: 6, days: DAYS, seed: SEED, tenantId: 'sim' });
    const days = [...sim.eachDay()];
    // Group owners answer as staff and every group is measured, so response times are compared too.
    const owners = days.flat().filter((e) => e.type === 'group_created' && e.memberId).map((e) => ({ memberId: (e as { memberId: string }).memberId, role: 'staff' as const }));
    for (const t of ['inc', 'full']) {
      await setTenantAccounts(wh, t, owners);
      await setTenantSla(wh, t, { purposes: [...GROUP_PURPOSES] });
    }
    const worker = new AnalyticsWorker({ warehouse: wh, log: silentLogger(), intervalMs: 0, clock: 'data', markSettleMs: 0 });
    // Day by day, with the worker ticking every 7 days at 01:00 local time (some of the day's
    // events are then still ahead of the clock), as a live service with late ticks would.
    for (let i = 0; i < days.length; i++) {
      await loadEvents(wh, asTenant(days[i]!, 'inc'));
      if (i >= 27 && i % 7 === 0) await worker.runNow(dayStart(localDay(sim.start + (i + 1) * 86_400_000, TZ), TZ) + 3_600_000);
    }
    judgedDay = addDays(localDay(sim.end, TZ), -1);
    const run = await worker.runNow(dayStart(addDays(judgedDay, 1), TZ) + 60_000);
    const last = run.judged.filter((j) => j.tenantId === 'inc').map((j) => j.day);
    expect(last[last.length - 1]).toBe(judgedDay);

    // The same history under another tenant, computed once as of the end of the same day.
    await loadEvents(wh, asTenant(days.flat(), 'full'));
    await recompute({ warehouse: wh, asOf: dayEnd(judgedDay, TZ), groups: await listGroups(wh, 'full'), log: silentLogger() });
    judgedGroups = (await wh.query<{ group_id: string }>(
      `SELECT DISTINCT group_id FROM group_health_daily FINAL WHERE tenant_id = 'inc' AND day = {d:Date} ORDER BY group_id`, { d: judgedDay }))
      .map((r) => r.group_id);
  }, 600_000);
  afterAll(async () => { await wh.close(); });

  /** Rows of a table for both tenants, without the tenant column, sorted, as comparable strings. */
  async function both(sql: string): Promise<{ inc: string[]; full: string[] }> {
    const rows = await wh.query<Record<string, unknown>>(sql, { d: judgedDay, groups: judgedGroups });
    const pick = (t: string) => rows.filter((r) => r.tenant_id === t).map(({ tenant_id: _t, ...rest }) => JSON.stringify(rest)).sort();
    return { inc: pick('inc'), full: pick('full') };
  }

  /** Equal row sets, or the first rows that differ (a readable failure on large tables). */
  function expectSame({ inc, full }: { inc: string[]; full: string[] }): void {
    const onlyInc = inc.filter((r) => !full.includes(r));
    const onlyFull = full.filter((r) => !inc.includes(r));
    expect({ rows: inc.length, onlyIncremental: onlyInc.slice(0, 3), onlyFromScratch: onlyFull.slice(0, 3) })
      .toEqual({ rows: full.length, onlyIncremental: [], onlyFromScratch: [] });
  }

  it('gives every group the same status, score and reasons on the judged day', async () => {
    const { inc, full } = await both(`
      SELECT tenant_id, group_id, argMax(status, day) AS status, round(argMax(health_score, day), 6) AS score,
             argMax(reason_codes, day) AS reasons, argMax(reason_details, day) AS details
      FROM group_health_daily FINAL WHERE tenant_id IN ('inc', 'full') AND day <= {d:Date}
      GROUP BY tenant_id, group_id`);
    expect(inc.length).toBe(6);
    expect(new Set(inc.map((r) => JSON.parse(r).status)).size).toBeGreaterThan(2);
    expectSame({ inc, full });
  });

  it('ranks the same KOLs with the same scores', async () => {
    const { inc, full } = await both(`
      SELECT tenant_id, group_id, member_id, rank, round(score, 6) AS score, round(pagerank, 9) AS pagerank, is_spammer
      FROM member_kol_daily FINAL WHERE tenant_id IN ('inc', 'full') AND day = {d:Date} AND group_id IN {groups:Array(String)}`);
    expect(inc.length).toBeGreaterThan(50);
    expectSame({ inc, full });
  });

  it('keeps the same retention for every membership', async () => {
    const { inc, full } = await both(`
      SELECT tenant_id, group_id, member_id, toString(joined_at) AS joined, toString(join_week) AS week, join_via, inviter_id,
             toString(left_at) AS left_at, retained_d1, retained_d7, retained_d30, churned, silent_churned
      FROM member_retention FINAL WHERE tenant_id IN ('inc', 'full') AND as_of = {d:Date} AND group_id IN {groups:Array(String)}`);
    expect(inc.length).toBeGreaterThan(100);
    expectSame({ inc, full });
  });

  it('puts every member in the same segment, and ranks the groups the same among their peers', async () => {
    const segments = await both(`
      SELECT tenant_id, group_id, member_id, segment, messages_14d, messages_28d, messages_prior_28d, days_28d, last_spoke_day
      FROM member_segment_daily FINAL WHERE tenant_id IN ('inc', 'full') AND day = {d:Date} AND group_id IN {groups:Array(String)}`);
    expect(segments.inc.length).toBeGreaterThan(100);
    expect(new Set(segments.inc.map((r) => JSON.parse(r).segment)).size).toBeGreaterThan(3);
    expectSame(segments);
    const peers = await both(`
      SELECT tenant_id, group_id, metric, value, purpose_peers, purpose_percentile, all_peers, all_percentile
      FROM group_peer_daily FINAL WHERE tenant_id IN ('inc', 'full') AND day = {d:Date} AND group_id IN {groups:Array(String)}`);
    expect(peers.inc.length).toBe(judgedGroups.length * 5);
    expectSame(peers);
  });

  it('has the same daily activity over the six weeks the health rules read', async () => {
    const { inc, full } = await both(`
      SELECT * EXCEPT (computed_at) FROM group_activity_daily FINAL
      WHERE tenant_id IN ('inc', 'full') AND day > {d:Date} - 42 AND day <= {d:Date} AND group_id IN {groups:Array(String)}`);
    expect(inc.length).toBeGreaterThan(judgedGroups.length * 20);
    expectSame({ inc, full });
  });

  it('has the same hour × weekday counts over the same six weeks', async () => {
    const { inc, full } = await both(`
      SELECT * EXCEPT (computed_at) FROM group_activity_hourly FINAL
      WHERE tenant_id IN ('inc', 'full') AND day > {d:Date} - 42 AND day <= {d:Date} AND group_id IN {groups:Array(String)} AND human_messages > 0`);
    expect(inc.length).toBeGreaterThan(judgedGroups.length * 20);
    expectSame({ inc, full });
  });

  it('places the same members in the same invitation generations, with the same viral coefficients', async () => {
    const placed = await both(`
      SELECT tenant_id, group_id, member_id, toString(joined_at) AS joined, joined AS has_join, inviter_id, generation, root_id
      FROM member_invitations FINAL WHERE tenant_id IN ('inc', 'full') AND joined_at <= {d:Date} AND group_id IN {groups:Array(String)}`);
    expect(placed.inc.length).toBeGreaterThan(50);
    expectSame(placed);
    const generations = await both(`
      SELECT * EXCEPT (computed_at) FROM fission_generations_daily FINAL
      WHERE tenant_id IN ('inc', 'full') AND day = {d:Date} AND group_id IN {groups:Array(String)}`);
    expect(generations.inc.length).toBeGreaterThan(judgedGroups.length);
    expectSame(generations);
  });

  it('measures the same response times per group and per staff member', async () => {
    for (const table of ['group_sla_daily', 'staff_sla_daily']) {
      const rows = await both(`
        SELECT * EXCEPT (computed_at) FROM ${table} FINAL
        WHERE tenant_id IN ('inc', 'full') AND day = {d:Date} AND group_id IN {groups:Array(String)}`);
      expect(rows.inc.length, table).toBeGreaterThan(0);
      expectSame(rows);
    }
  });
});

// The live service judges every group every day, silent ones included: a group that talks for
// weeks and then receives no event at all becomes dying and then dead on the following days, with
// its alerts, through the real `qunpulse run` (real broker, embedded ClickHouse, data clock), and
// `qunpulse run` is stopped and started again between those days.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@qunpulse/health';
import { EmbeddedWarehouse, type Warehouse } from '@qunpulse/warehouse';
import { cliEnvironment, crashRun, killRunProcesses, runCli, startRun, stopRun, type CliEnvironment } from './support/cli-process.js';

const TENANT = 'acme';
const TZ = 'Asia/Shanghai';
const FIRST_DAY = '2026-01-05';
const day = (d: number) => addDays(FIRST_DAY, d);
/** 10:00 in Shanghai on day d, plus minutes. */
const at = (d: number, minutes: number) => Date.parse(`${day(d)}T02:00:00Z`) + minutes * 60_000;
const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const LAST_FADING_DAY = 19;

/** A lively day: every member speaks twice, most messages answer the one before. */
function groupDay(group: string, d: number): object[] {
  const out: Record<string, unknown>[] = [];
  const base = (i: number) => ({ eventId: `${group}-${d}-${i}`, tenantId: TENANT, platform: 'wecom', groupId: group, occurredAt: at(d, i * 45) });
  if (d === 0) {
    out.push({ ...base(100), occurredAt: at(0, -60), type: 'group_created', memberId: 'm1', group: { name: group, purpose: 'interest' } });
    MEMBERS.slice(1).forEach((m, i) => out.push({ ...base(200 + i), occurredAt: at(0, -30 + i), type: 'member_joined', memberId: m, join: { via: 'invite', inviterId: 'm1' } }));
  }
  for (let i = 0; i < 12; i++) {
    const prev = i > 0 && i % 3 !== 0 ? { replyTo: { eventId: `${group}-${d}-${i - 1}` } } : {};
    out.push({ ...base(i), type: 'message', memberId: MEMBERS[(i + d) % MEMBERS.length], message: { kind: 'text', text: 'a real question or answer', ...prev } });
  }
  return out;
}

function writeEvents(env: CliEnvironment, name: string, days: Array<[string, number, number]>): string {
  const lines: string[] = [];
  for (const [group, from, to] of days) for (let d = from; d <= to; d++) for (const e of groupDay(group, d)) lines.push(JSON.stringify(e));
  const file = path.join(env.dataDir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const judged = (d: number) => (l: Record<string, unknown>) => l.msg === 'day judged' && l.tenant === TENANT && l.day === day(d);

describe('qunpulse run judges silent groups every day, across a restart', () => {
  let env: CliEnvironment;
  let wh: Warehouse;

  beforeAll(async () => {
    env = cliEnvironment({ ANALYTICS_CLOCK: 'data', ANALYTICS_INTERVAL_MS: '300' });
    await runCli(env, ['tenant', TENANT, '--time-zone', TZ]);

    // Weeks of conversation in both groups; "fading" stops after day 19 and never sends an event again.
    await runCli(env, ['import', 'ndjson', writeEvents(env, 'history.ndjson', [['lively', 0, 22], ['fading', 0, LAST_FADING_DAY]])]);
    let run = startRun(env);
    await run.waitForLog(judged(21), `the judgement of ${day(21)}`, 180_000);
    expect(await stopRun(run)).toBe(0);

    // Days pass while the service is down; it comes back and catches up, then keeps going live.
    await runCli(env, ['import', 'ndjson', writeEvents(env, 'week2.ndjson', [['lively', 23, 29]])]);
    run = startRun(env);
    await run.waitForLog(judged(28), `the judgement of ${day(28)} after the restart`, 180_000);
    await runCli(env, ['import', 'ndjson', writeEvents(env, 'week3.ndjson', [['lively', 30, 37]])]);
    await run.waitForLog(judged(36), `the judgement of ${day(36)}`, 180_000);
    expect(await stopRun(run)).toBe(0);

    wh = await EmbeddedWarehouse.open(path.join(env.dataDir, 'clickhouse'));
  }, 600_000);
  afterAll(async () => { await killRunProcesses(); await wh?.close(); });

  const statuses = async (group: string) => new Map((await wh.query<{ dkey: string; status: string }>(
    `SELECT toString(day) AS dkey, status FROM group_health_daily FINAL
     WHERE tenant_id = {t:String} AND group_id = {g:String} AND day >= {from:Date} ORDER BY day`,
    { t: TENANT, g: group, from: day(21) })).map((r) => [r.dkey, r.status]));

  it('judges the silent group on each following day: dying within 5 silent days, dead once silent 14', async () => {
    const s = await statuses('fading');
    const daysDead = [...s].filter(([, v]) => v === 'dead').map(([d]) => d);
    const daysDying = [...s].filter(([, v]) => v === 'dying').map(([d]) => d);
    // Every day from the first judgement until it is dead has its verdict, silence or not.
    for (let d = 21; d <= 33; d++) expect(s.get(day(d)), day(d)).toBeDefined();
    expect(['thriving', 'stable', 'declining']).toContain(s.get(day(21)));
    // Dying as soon as its activity collapses, at the latest after 5 silent days; dying until dead.
    expect(daysDying[0]! > day(LAST_FADING_DAY) && daysDying[0]! <= day(LAST_FADING_DAY + 5)).toBe(true);
    expect(daysDying).toEqual(Array.from({ length: daysDying.length }, (_, i) => addDays(daysDying[0]!, i)));
    expect(addDays(daysDying[daysDying.length - 1]!, 1)).toBe(daysDead[0]);
    expect(daysDead[0]).toBe(day(LAST_FADING_DAY + 14));
    // Judged while the service was down and after it came back (days 22–28), then live.
    expect(s.get(day(25))).toBe('dying');
  });

  it('keeps judging the group that still talks, and never calls it dying', async () => {
    const s = await statuses('lively');
    for (let d = 21; d <= 36; d++) expect(['thriving', 'stable'], day(d)).toContain(s.get(day(d)));
  });

  it('raises group_dying and group_died for the silent group, once each, with no new event', async () => {
    const alerts = await wh.query<{ group_id: string; rule: string; day: string }>(
      `SELECT group_id, rule, toString(day) AS day FROM alerts FINAL WHERE tenant_id = {t:String} AND rule IN ('group_dying', 'group_died') ORDER BY day`,
      { t: TENANT });
    const s = await statuses('fading');
    const firstWith = (status: string) => [...s].find(([, v]) => v === status)![0];
    expect(alerts).toEqual([
      { group_id: 'fading', rule: 'group_dying', day: firstWith('dying') },
      { group_id: 'fading', rule: 'group_died', day: day(LAST_FADING_DAY + 14) },
    ]);
  });
});

// A member's erasure, end to end: `qunpulse run` computes a simulated community (real broker,
// embedded ClickHouse), one KOL is erased over the HTTP API by its tenant while the service runs,
// the whole file is replayed and new events name the erased member, a later day is judged (the KOL
// graph rebuilt); then a second KOL is erased with `qunpulse erase`. Neither id is left in any
// column of any table, nor in the report; the erasure log holds who asked and hashes only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '@qunpulse/health';
import { KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { EmbeddedWarehouse, memberHash, type Warehouse } from '@qunpulse/warehouse';
import { testBrokers, waitFor } from './support/kit.js';
import { hashToken, newToken } from './support/ingest.js';
import { cliEnvironment, eventStoreBacklog, killRunProcesses, runCli, startRun, stopRun, type CliEnvironment } from './support/cli-process.js';
import type { RunProcess } from './support/run-process.js';

const TENANT = 'erase';
const TOKENS = { erase: newToken(), other: newToken() };
const DAY_MS = 86_400_000;

interface SimEvent { eventId: string; type: string; groupId: string; memberId?: string; occurredAt: number; platform: string }

/** Rows of every stored table in which any column holds the text (views are read through their tables). */
async function rowsHolding(wh: Warehouse, text: string): Promise<Record<string, number>> {
  const cols = await wh.query<{ table: string; name: string }>(
    `SELECT c.table AS table, c.name AS name FROM system.columns c JOIN system.tables t ON t.database = c.database AND t.name = c.table
     WHERE c.database = currentDatabase() AND t.engine NOT IN ('View', 'MaterializedView') AND c.type NOT LIKE '%AggregateFunction(%'`);
  const byTable = new Map<string, string[]>();
  for (const c of cols) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c.name]);
  const out: Record<string, number> = {};
  for (const [table, names] of byTable) {
    const [row] = await wh.query<{ n: number }>(
      `SELECT count() AS n FROM \`${table}\` WHERE ${names.map((n) => `position(toString(\`${n}\`), {s:String}) > 0`).join(' OR ')}`, { s: text });
    if (Number(row!.n) > 0) out[table] = Number(row!.n);
  }
  return out;
}

async function erase(url: string, tenant: string, member: string, token?: string, method = 'DELETE') {
  const res = await fetch(`${url}/v1/tenants/${encodeURIComponent(tenant)}/members/${encodeURIComponent(member)}`, {
    method, headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('erasing a member', () => {
  let env: CliEnvironment;
  let file: string;
  let events: SimEvent[];
  let bus: KafkaBus;
  let run: RunProcess;
  let url: string;
  let viaHttp: string;
  let viaCli: string;
  let kept: string;
  let latest: number;
  let group: { groupId: string; platform: string };

  beforeAll(async () => {
    env = cliEnvironment({
      ANALYTICS_CLOCK: 'data', ANALYTICS_INTERVAL_MS: '300', INGEST_HOST: '127.0.0.1', INGEST_PORT: '0',
      INGEST_TENANTS_JSON: JSON.stringify({ tenants: [
        { id: TENANT, tokenHashes: [hashToken(TOKENS.erase)] }, { id: 'other', tokenHashes: [hashToken(TOKENS.other)] },
      ] }),
    });
    file = path.join(env.dataDir, 'community.ndjson');
    await runCli(env, ['simulate', '--groups', '4', '--days', '30', '--seed', '4242', '--tenant', TENANT, '--out', file]);
    events = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SimEvent);
    latest = Math.max(...events.map((e) => e.occurredAt));
    const truth = JSON.parse(readFileSync(`${file}.truth.json`, 'utf8')) as { groups: { groupId: string; platform: string; kols: string[] }[] };
    const healthy = truth.groups.find((g) => g.kols.length >= 3)!;
    group = healthy;
    [viaHttp, viaCli, kept] = healthy.kols as [string, string, string];

    bus = new KafkaBus({ brokers: testBrokers(), clientId: 'erasure-test', namespace: env.vars.QUNPULSE_TOPIC_NAMESPACE! }, silentLogger());
    await bus.ensureTopics();
    await runCli(env, ['import', 'ndjson', file]);
    run = startRun(env);
    url = String((await run.waitForLog((l) => l.msg === 'ingest API listening', 'the ingest API')).url);
    const lastDay = addDays(localDay(latest), -1);
    await run.waitForLog((l) => l.msg === 'day judged' && l.day === lastDay, `the judgement of ${lastDay}`, 180_000);
  }, 300_000);
  afterAll(async () => { await killRunProcesses(); await bus?.close(); });

  it('answers 401 without a token, 403 to another tenant, 405 to other methods', async () => {
    expect((await erase(url, TENANT, viaHttp)).status).toBe(401);
    expect((await erase(url, TENANT, viaHttp, newToken())).status).toBe(401);
    const other = await erase(url, TENANT, viaHttp, TOKENS.other);
    expect(other).toEqual({ status: 403, body: { error: "Authorization: this token is tenant other's; it may erase only that tenant's members" } });
    expect((await erase(url, TENANT, viaHttp, TOKENS.erase, 'GET')).status).toBe(405);
  });

  it('erases over HTTP for the tenant: events, facts, KOL snapshots, retention', async () => {
    const res = await erase(url, TENANT, viaHttp, TOKENS.erase);
    expect(res.status).toBe(200);
    const own = events.filter((e) => e.memberId === viaHttp).length;
    const tables = res.body.tables as Record<string, { removed: number; redacted: number }>;
    expect(tables.chat_events!.removed).toBe(own);
    for (const t of ['message_authors', 'member_first_seen', 'member_kol_daily', 'tenant_kol_daily', 'member_retention']) expect(tables[t]?.removed, t).toBeGreaterThan(0);
    // Other members replied to, mentioned or were invited by this KOL.
    expect(tables.chat_events!.redacted).toBeGreaterThan(0);
    expect(res.body.memberHash).toBe(memberHash(TENANT, viaHttp));
  });

  it('keeps the member out through a replay of every event and new events naming it, and a later day judged', async () => {
    await runCli(env, ['import', 'ndjson', '--restart', file]);
    const replyTo = events.find((e) => e.memberId === viaHttp && e.type === 'message')!;
    const at = (d: number, i: number) => latest + d * DAY_MS + i * 60_000;
    const fresh = [1, 2].flatMap((d) => [
      { eventId: `late-${d}-a`, type: 'message', tenantId: TENANT, platform: group.platform, groupId: group.groupId, memberId: viaHttp, occurredAt: at(d, 0), message: { kind: 'text', length: 9 } },
      { eventId: `late-${d}-b`, type: 'message', tenantId: TENANT, platform: group.platform, groupId: group.groupId, memberId: kept, occurredAt: at(d, 1),
        message: { kind: 'text', length: 12, replyTo: { eventId: replyTo.eventId, memberId: viaHttp }, mentions: [viaHttp, kept] } },
    ]);
    const res = await fetch(`${url}/v1/events`, { method: 'POST', body: JSON.stringify(fresh), headers: { authorization: `Bearer ${TOKENS.erase}`, 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    await waitFor(async () => (await eventStoreBacklog(bus)) === 0, 'the replay to be consumed', 120_000);
    const nextDay = addDays(localDay(latest), 1);
    await run.waitForLog((l) => l.msg === 'day judged' && l.day === nextDay, `the judgement of ${nextDay}`, 120_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await stopRun(run)).toBe(0);
  }, 240_000);

  it('erases with `qunpulse erase`, saying what it removed', async () => {
    const out = await runCli(env, ['erase', '--tenant', TENANT, '--member', viaCli, '--by', 'dpo@example.com']);
    expect(out).toMatch(new RegExp(`^erased a member of ${TENANT}: \\d+ rows removed, \\d+ redacted \\(chat_events \\d+.*member_kol_daily \\d+.*; logged as ${memberHash(TENANT, viaCli).slice(0, 16)}… at .*, requested by dpo@example\\.com\\n$`));
  });

  it('leaves neither member in any column of any table, and logs who asked with hashes only', async () => {
    const wh = await EmbeddedWarehouse.open(path.join(env.dataDir, 'clickhouse'));
    try {
      expect(await rowsHolding(wh, viaHttp)).toEqual({});
      expect(await rowsHolding(wh, viaCli)).toEqual({});
      // The rest stayed: every other event of the file, and the member who replied after the erasure.
      const [n] = await wh.query<{ n: number }>('SELECT count() AS n FROM chat_events FINAL WHERE tenant_id = {t:String}', { t: TENANT });
      expect(Number(n!.n)).toBe(events.filter((e) => e.memberId !== viaHttp && e.memberId !== viaCli).length + 2);
      expect((await rowsHolding(wh, kept)).member_kol_daily).toBeGreaterThan(0);
      const log = await wh.query<{ member_hash: string; requested_by: string; via: string; rows_removed: number }>(
        'SELECT member_hash, requested_by, via, rows_removed FROM erasure_log FINAL ORDER BY requested_at');
      expect(log.map(({ rows_removed: _, ...r }) => r)).toEqual([
        { member_hash: memberHash(TENANT, viaHttp), requested_by: `tenant ${TENANT}, token sha256:${hashToken(TOKENS.erase).slice(0, 12)}`, via: 'http' },
        { member_hash: memberHash(TENANT, viaCli), requested_by: 'dpo@example.com', via: 'cli' },
      ]);
      expect(log.every((l) => l.rows_removed > 0)).toBe(true);
    } finally {
      await wh.close();
    }
  });

  it('leaves neither member in the next report', async () => {
    const report = await runCli(env, ['report', '--json', '--tenant', TENANT]);
    expect(report).toContain(kept);
    expect(report).not.toContain(viaHttp);
    expect(report).not.toContain(viaCli);
  });
});

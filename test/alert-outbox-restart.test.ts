// `qunpulse run` raises alerts while their webhook is down and is killed with SIGKILL; once it is
// started again with the webhook back, each alert reaches the webhook exactly once. Real broker,
// real embedded ClickHouse (the run's own data directory), a local HTTP receiver on 127.0.0.1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import { ChatEventPublisher, type KafkaBus } from '@qunpulse/kafka';
import { EmbeddedWarehouse } from '@qunpulse/warehouse';
import { testBus, waitFor } from './support/kit.js';
import { killRunProcesses, startRunProcess, type RunProcess } from './support/run-process.js';
import { startWebhookServer, type Received, type WebhookServer } from './support/webhooks.js';
import { noConfiguredPolicies, privacyStep } from '@qunpulse/importers';

const DAY = 86_400_000;
const T = 'acme';
const P = 'wecom';
const G = 'g-churning';

/** A month-old group of 20 whose members talk daily; 6 of them quit two days ago: a churn spike. */
function churningGroup(now: number): ChatEventInput[] {
  const start = now - 25 * DAY;
  const at = (ms: number) => new Date(ms).toISOString();
  const base = { tenantId: T, platform: P, groupId: G } as const;
  const events: ChatEventInput[] = [
    { ...base, eventId: 'created', type: 'group_created', memberId: 'owner', occurredAt: at(start), group: { name: 'Churners', purpose: 'interest' } },
  ];
  for (let m = 0; m < 20; m++) {
    events.push({ ...base, eventId: `join-${m}`, type: 'member_joined', memberId: `m${m}`, occurredAt: at(start + 60_000 * (m + 1)), join: { via: 'invite', inviterId: 'owner' } });
  }
  for (let d = 24; d >= 0; d--) {
    for (let i = 0; i < 10; i++) {
      const id = `msg-${d}-${i}`;
      events.push({
        ...base, eventId: id, type: 'message', memberId: `m${(d + i) % 20}`, occurredAt: at(now - d * DAY - 3_600_000 + i * 60_000),
        message: { kind: 'text', length: 20, ...(i > 0 ? { replyTo: { eventId: `msg-${d}-${i - 1}` } } : {}) },
      });
    }
  }
  for (let m = 14; m < 20; m++) {
    events.push({ ...base, eventId: `left-${m}`, type: 'member_left', memberId: `m${m}`, occurredAt: at(now - 2 * DAY + m * 60_000), leave: { reason: 'quit' } });
  }
  return events;
}

const key = (r: Received) => String(r.headers['idempotency-key']);

describe('the alert outbox across a crash of qunpulse run', () => {
  let hooks: WebhookServer;
  let bus: KafkaBus;
  let env: Record<string, string>;
  let dataDir: string;
  let first: RunProcess;
  let second: RunProcess;
  let queued = 0;
  let restartedAt = 0;

  beforeAll(async () => {
    [hooks, bus] = await Promise.all([startWebhookServer(), testBus('outbox')]);
    hooks.failNext('webhook', 1_000_000, 503);
    const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-outbox-'));
    dataDir = path.join(dir, 'data');
    const config = path.join(dir, 'alerts.json');
    writeFileSync(config, JSON.stringify({
      language: 'en',
      delivery: { backoffMs: 100, maxBackoffMs: 400, timeoutMs: 2_000 },
      channels: [{ name: 'hook', type: 'webhook', url: hooks.url('webhook') }],
      routes: [{ channel: 'hook' }],
    }));
    env = {
      KAFKA_BROKERS: bus.settings.brokers.join(','), QUNPULSE_TOPIC_NAMESPACE: bus.settings.namespace, QUNPULSE_DATA_DIR: dataDir,
      QUNPULSE_ALERTS_CONFIG: config, QUNPULSE_ALERTS_POLL_MS: '200', ANALYTICS_INTERVAL_MS: '300', ANALYTICS_CLOCK: 'data',
      // The killed run's consumer holds the group until its session ends; the restart joins after.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
    const producer = await bus.producer();
    const publisher = new ChatEventPublisher(bus, producer, { source: 'test', privacy: privacyStep(noConfiguredPolicies) });
    for (const e of churningGroup(Date.now())) await publisher.add(e, 'test');
    await publisher.flush();
    expect(publisher.summary).toMatchObject({ rejected: 0 });
  });

  afterAll(async () => {
    await killRunProcesses();
    await bus?.close();
    await hooks?.close();
  });

  it('keeps retrying while the webhook is down, until the process is killed', async () => {
    first = startRunProcess(env);
    await first.waitForLog((l) => l.msg === 'alerts raised', 'alerts raised', 90_000);
    // Every queued delivery has failed at least twice (retried with backoff) before the kill, and
    // both failures are recorded: a lane records an attempt before it makes the next, so a third
    // request means the second is stored (a kill right after the second could land before its record).
    await waitFor(async () => {
      queued = first.logs.filter((l) => l.msg === 'alerts raised').reduce((n, l) => n + Number(l.queued), 0);
      const counts = new Map<string, number>();
      for (const r of hooks.received('webhook')) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
      return queued > 0 && counts.size === queued && [...counts.values()].every((n) => n >= 3);
    }, 'each delivery to fail twice', 30_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(hooks.received('webhook').every((r) => r.status === 503)).toBe(true);
  });

  it('delivers each alert exactly once after the restart', async () => {
    hooks.failNext('webhook', 0);
    restartedAt = Date.now();
    second = startRunProcess(env);
    await second.waitForLog((l) => l.msg === 'qunpulse running', 'qunpulse running', 90_000);
    await waitFor(async () => hooks.received('webhook').filter((r) => r.status === 200).length >= queued, 'the deliveries after restart', 30_000);
    // Give the outbox several more passes (200 ms apart) to show nothing is sent twice.
    await new Promise((r) => setTimeout(r, 1_500));
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });

    const ok = hooks.received('webhook').filter((r) => r.status === 200);
    const failedKeys = new Set(hooks.received('webhook').filter((r) => r.status !== 200).map(key));
    expect(ok).toHaveLength(queued);
    expect(new Set(ok.map(key))).toEqual(failedKeys);
    expect(ok.every((r) => r.at >= restartedAt)).toBe(true);
    const bodies = ok.map((r) => r.body as { schema: string; alert: { alertId: string; groupId: string } });
    expect(bodies.every((b) => b.schema === 'qunpulse.alert/v1' && b.alert.groupId === G)).toBe(true);
    expect(ok.map((r) => r.headers['x-qunpulse-alert-id']).sort()).toEqual(bodies.map((b) => b.alert.alertId).sort());
  });

  it('records the outcome in the warehouse: delivered, with every attempt', async () => {
    // The alerts queued before the crash (the restarted run may judge a new day and raise more).
    const ids = [...new Set(hooks.received('webhook').map((r) => String(r.headers['x-qunpulse-alert-id'])))];
    expect(ids).toHaveLength(queued);
    const wh = await EmbeddedWarehouse.open(path.join(dataDir, 'clickhouse'));
    try {
      const outbox = await wh.query<{ state: string; n: number }>('SELECT state, count() AS n FROM alert_outbox FINAL WHERE alert_id IN {ids:Array(String)} GROUP BY state', { ids });
      expect(outbox).toEqual([{ state: 'delivered', n: queued }]);
      const [attempts] = await wh.query<{ delivered: number; failed: number }>(
        "SELECT countIf(ok = 1) AS delivered, countIf(ok = 0) AS failed FROM alert_deliveries WHERE channel = 'hook' AND alert_id IN {ids:Array(String)}", { ids });
      expect(attempts!.delivered).toBe(queued);
      expect(attempts!.failed).toBeGreaterThanOrEqual(2 * queued);
      const rules = await wh.query<{ rule: string }>('SELECT rule FROM alerts FINAL WHERE alert_id IN {ids:Array(String)}', { ids });
      expect(rules.map((r) => r.rule)).toContain('churn_spike');
      expect(rules).toHaveLength(queued);
    } finally {
      await wh.close();
    }
  });
});

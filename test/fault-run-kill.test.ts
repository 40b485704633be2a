// Fault: `qunpulse run` killed with SIGKILL three times while a client posts events to its ingest
// API (real broker, embedded ClickHouse in the run's data directory). The client sends again what
// got no answer; every valid event is stored exactly once, every invalid one answered naming its
// field and dead-lettered, no 5xx.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { EmbeddedWarehouse } from '@qunpulse/warehouse';
import { testBrokers, waitFor } from './support/kit.js';
import { hashToken, newToken } from './support/ingest.js';
import { cliEnvironment, crashRun, eventStoreBacklog, killRunProcesses, startRun, stopRun, type CliEnvironment } from './support/cli-process.js';
import type { RunProcess } from './support/run-process.js';
import { expectInvalidRejected, expectStoredExactlyOnce, FAULT_TENANT, type FaultOutcome, faultOutcome, freePort, Sender } from './support/faults.js';

const TOKEN = newToken();
const PREFIX = 'runkill';
const KILLS = 3;
const BATCHES = 48;
const SIZE = 100;

describe('fault: kill -9 of qunpulse run mid-import, three times', () => {
  let env: CliEnvironment;
  let bus: KafkaBus;
  let sender: Sender;
  let outcome: FaultOutcome;
  const backlogAtKill: number[] = [];

  async function started(): Promise<RunProcess> {
    const run = startRun(env);
    await run.waitForLog((l) => l.msg === 'qunpulse running', 'qunpulse running', 120_000);
    return run;
  }

  beforeAll(async () => {
    const port = await freePort();
    env = cliEnvironment({
      INGEST_HOST: '127.0.0.1', INGEST_PORT: String(port), KAFKA_SESSION_TIMEOUT_MS: '6000', QUNPULSE_ALERTS_ENABLED: 'false',
      INGEST_TENANTS_JSON: JSON.stringify({ tenants: [{ id: FAULT_TENANT, tokenHashes: [hashToken(TOKEN)], rateLimit: { requestsPerSecond: 10_000, burst: 10_000 } }] }),
    });
    bus = new KafkaBus({ brokers: testBrokers(), clientId: 'fault-run-kill', namespace: env.vars.QUNPULSE_TOPIC_NAMESPACE! }, silentLogger());
    await bus.ensureTopics();
    let run = await started();
    sender = new Sender(() => `http://127.0.0.1:${port}`, TOKEN, PREFIX, BATCHES, SIZE, { concurrency: 2, pauseMs: 100 }).start();
    let recoverMs = 0;
    for (let k = 1; k <= KILLS; k++) {
      await waitFor(async () => sender.acceptedAt.length >= (k * BATCHES) / (KILLS + 1), `${k} quarters of the requests`, 180_000);
      await crashRun(run);
      const killedAt = Date.now();
      expect(sender.acceptedAt.length, 'requests left to send after the kill').toBeLessThan(BATCHES);
      // Read after the kill: with the service down nothing enters or leaves the topic.
      backlogAtKill.push(await eventStoreBacklog(bus));
      run = await started();
      await waitFor(async () => sender.acceptedSince(killedAt) > 0, 'a request accepted after the restart', 120_000);
      recoverMs = Math.max(recoverMs, sender.acceptedAt.find((t) => t >= killedAt)! - killedAt);
    }
    await sender.done;
    await waitFor(async () => (await eventStoreBacklog(bus)) === 0, 'the backlog to be stored', 120_000);
    expect(await stopRun(run)).toBe(0);

    const wh = await EmbeddedWarehouse.open(path.join(env.dataDir, 'clickhouse'));
    try {
      outcome = await faultOutcome(wh, bus, sender, PREFIX, recoverMs,
        `kill -9 of qunpulse run ×${KILLS} (backlog at the kills: ${backlogAtKill.join(', ')}; ${sender.unanswered} requests unanswered, sent again)`);
    } finally {
      await wh.close();
    }
  }, 600_000);
  afterAll(async () => { await killRunProcesses(); await bus?.close(); });

  it('was killed while requests were in flight, each time', () => {
    expect(backlogAtKill).toHaveLength(KILLS);
    expect(sender.unanswered).toBeGreaterThan(0);
  });

  it('stores every valid event exactly once', () => {
    expectStoredExactlyOnce(outcome, BATCHES * SIZE);
  });

  it('answers every invalid event naming its field and dead-letters it with the reason, with no 5xx', () => {
    expectInvalidRejected(outcome, sender);
    expect(outcome.figures.http4xx).toBeGreaterThanOrEqual(outcome.figures.invalid);
  });
});

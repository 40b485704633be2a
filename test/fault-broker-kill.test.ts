// Fault: the Kafka broker killed with SIGKILL while a client posts events to `qunpulse run`'s ingest
// API, then started again on its data directory and port. Requests in flight wait for the broker
// (INGEST_PRODUCE_TIMEOUT_MS); every valid event is stored exactly once, every invalid one answered
// naming its field and dead-lettered.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { EmbeddedWarehouse } from '@qunpulse/warehouse';
import { uniqueName, waitFor } from './support/kit.js';
import { hashToken, newToken } from './support/ingest.js';
import { cliEnvironment, eventStoreBacklog, killRunProcesses, startRun, stopRun, type CliEnvironment } from './support/cli-process.js';
import { startOwnBroker, stopOwnBroker, type OwnBroker } from './support/own-broker.js';
import { expectInvalidRejected, expectStoredExactlyOnce, FAULT_TENANT, type FaultOutcome, faultOutcome, freePort, Sender } from './support/faults.js';

const TOKEN = newToken();
const PREFIX = 'brokerkill';
const BATCHES = 40;
const SIZE = 100;

describe('fault: kill -9 of the broker mid-import, and its restart', () => {
  let env: CliEnvironment;
  let broker: OwnBroker | undefined;
  let bus: KafkaBus;
  let sender: Sender;
  let outcome: FaultOutcome;
  let inFlightAtKill = 0;

  beforeAll(async () => {
    const kafkaDir = path.join(mkdtempSync(path.join(tmpdir(), 'qunpulse-fault-broker-')), 'kafka');
    const kafkaPort = await freePort();
    broker = await startOwnBroker(kafkaDir, kafkaPort);
    const port = await freePort();
    env = cliEnvironment({
      KAFKA_BROKERS: broker.brokers, INGEST_HOST: '127.0.0.1', INGEST_PORT: String(port), INGEST_PRODUCE_TIMEOUT_MS: '180000',
      QUNPULSE_ALERTS_ENABLED: 'false',
      INGEST_TENANTS_JSON: JSON.stringify({ tenants: [{ id: FAULT_TENANT, tokenHashes: [hashToken(TOKEN)], rateLimit: { requestsPerSecond: 10_000, burst: 10_000 } }] }),
    });
    bus = new KafkaBus({ brokers: [broker.brokers], clientId: 'fault-broker-kill', namespace: env.vars.QUNPULSE_TOPIC_NAMESPACE ?? uniqueName('ns') }, silentLogger());
    const run = startRun(env);
    await run.waitForLog((l) => l.msg === 'qunpulse running', 'qunpulse running', 120_000);
    sender = new Sender(() => `http://127.0.0.1:${port}`, TOKEN, PREFIX, BATCHES, SIZE, { concurrency: 2, pauseMs: 50 }).start();

    await waitFor(async () => sender.acceptedAt.length >= BATCHES / 3, 'a third of the requests', 120_000);
    inFlightAtKill = BATCHES - sender.acceptedAt.length;
    const exited = new Promise((r) => broker!.launcher.once('exit', r));
    process.kill(broker.brokerPid(), 'SIGKILL');
    const killedAt = Date.now();
    await exited;
    broker = await startOwnBroker(kafkaDir, kafkaPort);
    await waitFor(async () => sender.acceptedSince(Date.now() - 100) > 0 || sender.acceptedAt.length >= BATCHES, 'a request accepted after the restart', 240_000);
    const recoverMs = sender.acceptedAt.find((t) => t >= killedAt)! - killedAt;
    await sender.done;
    await waitFor(async () => (await eventStoreBacklog(bus)) === 0, 'the backlog to be stored', 180_000);
    expect(await stopRun(run)).toBe(0);

    const wh = await EmbeddedWarehouse.open(path.join(env.dataDir, 'clickhouse'));
    try {
      outcome = await faultOutcome(wh, bus, sender, PREFIX, recoverMs,
        `kill -9 of the broker and restart (${inFlightAtKill} requests not yet accepted at the kill)`);
    } finally {
      await wh.close();
    }
  }, 600_000);
  afterAll(async () => { await killRunProcesses(); await bus?.close(); await stopOwnBroker(broker); });

  it('stores every valid event exactly once', () => {
    expectStoredExactlyOnce(outcome, BATCHES * SIZE);
  });

  it('answers every invalid event naming its field and dead-letters it with the reason, with no 5xx', () => {
    expectInvalidRejected(outcome, sender);
  });
});

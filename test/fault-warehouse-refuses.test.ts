// Fault: the warehouse refuses every insert for 30 s, as an overloaded ClickHouse server does
// (TOO_MANY_PARTS over HTTP, from a stand-in for its HTTP interface, through the official client),
// while a client keeps posting events. Nothing is dead-lettered for it, /readyz reports the stall,
// and once inserts are taken again every valid event is stored exactly once (real broker, real
// event store, the rest in embedded ClickHouse).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerWarehouse } from '@qunpulse/warehouse';
import { waitFor } from './support/kit.js';
import { hashToken, newToken, startIngestHarness, type IngestHarness } from './support/ingest.js';
import { withInsertFaults } from './support/faulty-warehouse.js';
import { startRefusingClickHouse, type RefusingClickHouse } from './support/refusing-clickhouse.js';
import { expectInvalidRejected, expectStoredExactlyOnce, FAULT_TENANT, type FaultOutcome, faultOutcome, Sender, storedFigures } from './support/faults.js';

const TOKEN = newToken();
const PREFIX = 'refused';
const REFUSE_MS = 30_000;
const BATCHES = 60;
const SIZE = 50;

describe('fault: a warehouse that refuses inserts for 30 s', () => {
  let h: IngestHarness;
  let standIn: RefusingClickHouse;
  let refusing: ServerWarehouse;
  let sender: Sender;
  let outcome: FaultOutcome;
  const state = { refusing: false };
  const readiness: number[] = [];

  beforeAll(async () => {
    standIn = await startRefusingClickHouse();
    refusing = await ServerWarehouse.open({ url: standIn.url, database: 'qunpulse' });
    h = await startIngestHarness({ tenants: [{ id: FAULT_TENANT, tokenHashes: [hashToken(TOKEN)], rateLimit: { requestsPerSecond: 10_000, burst: 10_000 } }] }, {
      stallAfterMs: 5_000,
      storeWarehouse: (w) => withInsertFaults(w, {
        insertError: (table, rows) => (state.refusing ? refusing.insert(table, rows).then(() => new Error('the stand-in took an insert'), (e: unknown) => e) : undefined),
      }),
    });
    sender = new Sender(() => h.url, TOKEN, PREFIX, BATCHES, SIZE, { concurrency: 1, pauseMs: 500 }).start();
    const watch = setInterval(() => { void fetch(`${h.url}/readyz`).then((r) => readiness.push(r.status)); }, 500);
    try {
      await waitFor(async () => sender.acceptedAt.length >= 3, 'the first requests', 60_000);
      state.refusing = true;
      await new Promise((r) => setTimeout(r, REFUSE_MS));
      state.refusing = false;
      const endedAt = Date.now();
      const acceptedByThen = sender.acceptedAt.filter((t) => t <= endedAt).length * SIZE;
      await waitFor(async () => (await storedFigures(h.warehouse, PREFIX, sender.validIds)).stored >= acceptedByThen, 'the backlog to be stored', 120_000);
      const recoverMs = Date.now() - endedAt;
      await sender.done;
      await waitFor(async () => (await storedFigures(h.warehouse, PREFIX, sender.validIds)).stored >= sender.validIds.size, 'every event stored', 120_000);
      outcome = await faultOutcome(h.warehouse, h.bus, sender, PREFIX, recoverMs,
        `warehouse refusing inserts for ${REFUSE_MS / 1000} s (${standIn.refused} inserts refused)`);
    } finally {
      clearInterval(watch);
    }
  }, 300_000);
  afterAll(async () => { await h?.close(); await refusing?.close(); await standIn?.close(); });

  it('had inserts refused throughout, retried them, and reported the stall on /readyz, then ready again', async () => {
    expect(standIn.refused).toBeGreaterThan(5);
    expect(h.store.stats.insertRetries).toBeGreaterThanOrEqual(standIn.refused);
    expect(readiness).toContain(503);
    expect(readiness.indexOf(200)).toBeLessThan(readiness.indexOf(503));
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });

  it('stores every valid event exactly once', () => {
    expectStoredExactlyOnce(outcome, BATCHES * SIZE);
  });

  it('dead-letters the invalid events only (none for the refusal), each answered naming its field, with no 5xx', () => {
    expectInvalidRejected(outcome, sender);
    expect(outcome.figures.http4xx).toBe(outcome.figures.invalid);
    expect([...outcome.dead.values()].filter((d) => d.step !== 'validate')).toEqual([]);
  });
});

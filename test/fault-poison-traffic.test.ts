// Fault: poison records mixed into valid traffic. While a client posts events (with invalid ones,
// answered naming their field), records the API would never accept are written straight to the
// topic in the same partitions: not JSON, empty, the wrong shape, a lone surrogate, and events the
// warehouse itself refuses. Each is dead-lettered with its reason by the event store; every valid
// event around them is stored exactly once; nothing stalls (real broker, real embedded ClickHouse).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS } from '@qunpulse/contracts';
import type { InRecord } from '@qunpulse/kafka';
import { waitFor } from './support/kit.js';
import { hashToken, newToken, readTopic, startIngestHarness, type IngestHarness } from './support/ingest.js';
import { withInsertFaults } from './support/faulty-warehouse.js';
import { deadLettersOf, FAULT_TENANT, printFigures, Sender, storedFigures, topicRecords, validEvent, type FaultFigures } from './support/faults.js';

const TOKEN = newToken();
const PREFIX = 'poison';
const MARKER = 'refuse-me';
const BATCHES = 30;
const SIZE = 100;
const POISON = 50;

/** Each kind of poison: its record value, and the reason the event store must give. */
const KINDS: { what: string; value: (i: number) => string; reason: RegExp }[] = [
  { what: 'not JSON', value: (i) => `{"eventId":"${PREFIX}-poison-${i}", not json`, reason: /^\(record\): malformed JSON \(/ },
  { what: 'empty', value: () => '', reason: /^\(record\): empty value$/ },
  { what: 'wrong shape', value: (i) => JSON.stringify({ eventId: `${PREFIX}-poison-${i}`, type: 'message' }), reason: /^tenantId is required$/ },
  {
    what: 'lone surrogate', reason: /^memberId must be valid Unicode/,
    value: (i) => JSON.stringify({ ...validEvent(`${PREFIX}-poison`, i), tenantId: FAULT_TENANT }).replace(/"memberId":"[^"]*"/, '"memberId":"m-\\ud800"'),
  },
  { what: 'refused by the warehouse', value: (i) => JSON.stringify({ ...validEvent(`${PREFIX}-poison-${MARKER}`, i), tenantId: FAULT_TENANT }), reason: /^warehouse refused the record: Code: 25\./ },
];

describe('fault: poison records mixed into valid traffic', () => {
  let h: IngestHarness;
  let sender: Sender;
  let figures: FaultFigures;
  let fig: Awaited<ReturnType<typeof storedFigures>>;
  let fromStore: InRecord[];
  let fromApi: Map<string, { step: string; reason: string }>;

  beforeAll(async () => {
    h = await startIngestHarness({ tenants: [{ id: FAULT_TENANT, tokenHashes: [hashToken(TOKEN)], rateLimit: { requestsPerSecond: 10_000, burst: 10_000 } }] }, {
      stallAfterMs: 10_000, storeWarehouse: (w) => withInsertFaults(w, { refuseMarked: MARKER }),
    });
    sender = new Sender(() => h.url, TOKEN, PREFIX, BATCHES, SIZE, { concurrency: 2, pauseMs: 50 }).start();
    const raw = await h.bus.producer({ idempotent: true });
    for (let i = 0; i < POISON; i++) {
      // Keyed like the valid events' groups, so the poison shares their partitions.
      await raw.send(h.bus.topics.chatEvents, [{ key: `${FAULT_TENANT}\u001f${PREFIX}-g${i % 12}`, value: KINDS[i % KINDS.length]!.value(i) }]);
      await new Promise((r) => setTimeout(r, 40));
    }
    const lastPoisonAt = Date.now();
    await raw.close();
    await sender.done;
    await waitFor(async () => (await storedFigures(h.warehouse, PREFIX, sender.validIds)).stored >= sender.validIds.size, 'every valid event stored', 120_000);
    // From the last record sent (poison or valid) to everything stored.
    const recoverMs = Date.now() - Math.max(lastPoisonAt, ...sender.acceptedAt);
    fig = await storedFigures(h.warehouse, PREFIX, sender.validIds);
    // Waits for the dead letters expected, then reads whatever else the topic holds too.
    await readTopic(h.bus, h.bus.topics.deadLetter, sender.invalidIds.size + POISON);
    const all = await readTopic(h.bus, h.bus.topics.deadLetter, await topicRecords(h.bus, h.bus.topics.deadLetter));
    fromStore = all.filter((d) => d.headers[HEADERS.dlqOrigin]?.startsWith(`${h.bus.topics.chatEvents}/`));
    fromApi = deadLettersOf(all.filter((d) => !fromStore.includes(d)), PREFIX);
    figures = {
      sent: sender.validIds.size, invalid: sender.invalidIds.size + POISON, stored: fig.stored, deadLettered: fromApi.size + fromStore.length,
      duplicates: fig.duplicates, http4xx: sender.http4xx, http5xx: sender.http5xx, recoverMs,
    };
    printFigures(`poison mixed into valid traffic (${POISON} poison records of ${KINDS.length} kinds on the topic, ${sender.invalidIds.size} invalid events posted)`, figures);
  }, 300_000);
  afterAll(async () => { await h?.close(); });

  it('stores every valid event exactly once, and no poison', () => {
    expect(figures.sent).toBe(BATCHES * SIZE);
    expect(fig.missing.slice(0, 5)).toEqual([]);
    expect(fig.extra.slice(0, 5)).toEqual([]);
    expect(figures.stored).toBe(figures.sent);
    expect(figures.duplicates).toBe(0);
  });

  it('dead-letters each poison record once, with the reason of its kind', () => {
    expect(fromStore).toHaveLength(POISON);
    const byReason = KINDS.map((k) => fromStore.filter((d) => k.reason.test(d.headers[HEADERS.dlqReason] ?? '')).length);
    expect(byReason).toEqual(KINDS.map(() => POISON / KINDS.length));
  });

  it('answers every invalid event naming its field and dead-letters it, with no 5xx and no stall', async () => {
    expect(sender.wrong.slice(0, 5)).toEqual([]);
    expect(figures.http5xx).toBe(0);
    expect(fromApi.size).toBe(sender.invalidIds.size);
    expect(h.store.health().ready).toBe(true);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});

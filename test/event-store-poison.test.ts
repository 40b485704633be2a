// No record can stall storage. Over real HTTP, the real broker and embedded ClickHouse: what the
// warehouse cannot store is answered 400 naming the field; a record the warehouse refuses anyway is
// dead-lettered with ClickHouse's own reason while the records after it in its partition are stored;
// a warehouse that is down is waited for (nothing dead-lettered) and reported by /readyz and /metrics.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEventKey, HEADERS } from '@qunpulse/contracts';
import { importNdjson } from '@qunpulse/cli';
import { noConfiguredPolicies, privacyStep } from '@qunpulse/importers';
import { ChatEventPublisher } from '@qunpulse/kafka';
import { waitFor } from './support/kit.js';
import { withInsertFaults } from './support/faulty-warehouse.js';
import { hashToken, newToken, readTopic, startIngestHarness, storedCount, waitStored, type IngestHarness } from './support/ingest.js';

const TOKEN = newToken();
const NOW = Date.now();
const MARKER = 'refuse-me';

/** What inserting into a ClickHouse server that is down fails with: a real refused TCP connection. */
async function connectionRefused(): Promise<unknown> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(new Error(`port ${port} unexpectedly accepted a connection`)); });
    socket.once('error', resolve);
  });
}

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  eventId: id, type: 'message', tenantId: 'acme', platform: 'qq', groupId: 'g-poison', memberId: `m-${id}`,
  occurredAt: NOW - 60_000, message: { kind: 'text', length: 5 }, ...extra,
});

async function post(url: string, body: unknown) {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
  return { status: res.status, json: (await res.json()) as { results: { status: string; field?: string; reason?: string }[] } };
}

describe('poison records', () => {
  let h: IngestHarness;
  const state = { down: false, downError: connectionRefused };
  beforeAll(async () => {
    h = await startIngestHarness({ tenants: [{ id: 'acme', tokenHashes: [hashToken(TOKEN)] }] }, {
      storeWarehouse: (w) => withInsertFaults(w, { insertError: () => (state.down ? state.downError() : undefined), refuseMarked: MARKER }), stallAfterMs: 1_500,
    });
  });
  afterAll(async () => { await h?.close(); });

  it('answers 400 naming the field for what the warehouse cannot store', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [event('s-1', { groupId: 'pg-\ud800' }), 'groupId', 'valid Unicode'],
      [event('s-2', { occurredAt: '2026-02-31T08:00:00+08:00' }), 'occurredAt', 'day 31 does not exist'],
      [event('s-3', { message: { kind: 'text', length: 2 ** 32 } }), 'message.length', 'at most 4294967295'],
    ];
    for (const [body, field, reason] of cases) {
      const res = await post(h.url, body);
      expect(res.status).toBe(400);
      expect(res.json.results[0]).toMatchObject({ status: 'rejected', field, reason: expect.stringContaining(reason) });
    }
  });

  it('has the importer reject the same lines, each with its line and field', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'qunpulse-poison-')), 'poison.ndjson');
    writeFileSync(file, [
      JSON.stringify(event('i-1')),
      JSON.stringify(event('i-2', { groupId: 'pg-\ud800' })),
      JSON.stringify(event('i-3', { occurredAt: '2026-02-31T08:00:00+08:00' })),
      JSON.stringify(event('i-4', { message: { kind: 'text', length: 2 ** 32 } })),
    ].join('\n') + '\n');
    const summary = await importNdjson(h.bus, [file], { quiet: true });
    expect(summary).toMatchObject({ accepted: 1, rejected: 3 });
    expect(Object.keys(summary.reasons).sort()).toEqual([
      'groupId must be valid Unicode (it holds a lone UTF-16 surrogate)',
      'message.length must be at most 4294967295',
      'occurredAt is not a real date: "2026-02-31T08:00:00+08:00" (day 31 does not exist in 2026-02)',
    ]);
    const dead = (await readTopic(h.bus, h.bus.topics.deadLetter, 6)).filter((d) => d.headers[HEADERS.dlqOrigin]!.startsWith(file));
    expect(dead.map((d) => d.headers[HEADERS.dlqOrigin]).sort()).toEqual([`${file}:2`, `${file}:3`, `${file}:4`]);
  });

  it('dead-letters the record the warehouse refuses, with its reason, and stores the ones after it in the partition', async () => {
    const producer = await h.bus.producer({ idempotent: true });
    const publisher = new ChatEventPublisher(h.bus, producer, { source: 'test:poison', privacy: privacyStep(noConfiguredPolicies) });
    for (let i = 0; i < 10; i++) await publisher.add(event(`p-${i}`), 'test');
    await publisher.add(event(`p-${MARKER}`), 'test');
    for (let i = 11; i < 21; i++) await publisher.add(event(`p-${i}`), 'test');
    await publisher.flush();
    // A producer that skips validation: the event store's own check catches the lone surrogate.
    const raw = event('p-raw', { groupId: 'g-poison' });
    await producer.send(h.bus.topics.chatEvents, [{ key: chatEventKey({ tenantId: 'acme', groupId: 'g-poison' }), value: JSON.stringify(raw).replace('"m-p-raw"', '"m-\\ud800"') }]);
    for (let i = 21; i < 25; i++) await publisher.add(event(`p-${i}`), 'test');
    await publisher.flush();
    await producer.close();

    await waitStored(h.warehouse, 24, "group_id = 'g-poison' AND event_id LIKE 'p-%'");
    // The 400s and import rejections above were dead-lettered on the way in; these two by the event store.
    const dead = (await readTopic(h.bus, h.bus.topics.deadLetter, 8)).filter((d) => d.headers[HEADERS.dlqOrigin]!.startsWith(`${h.bus.topics.chatEvents}/`));
    expect(dead).toHaveLength(2);
    const byStep = Object.fromEntries(dead.map((d) => [d.headers[HEADERS.dlqStep], d]));
    expect(byStep.store!.headers[HEADERS.dlqReason]).toMatch(/^warehouse refused the record: Code: 25\. DB::Exception: Cannot parse escape sequence: missing second part of surrogate pair/);
    expect(JSON.parse(String(byStep.store!.value))).toMatchObject({ eventId: `p-${MARKER}` });
    expect(byStep.validate!.headers[HEADERS.dlqReason]).toBe('memberId must be valid Unicode (it holds a lone UTF-16 surrogate)');
    // Every record after the refused one, in the same partition, is stored; the refused ones are not.
    const [storeOrigin, rawOrigin] = [byStep.store!, byStep.validate!].map((d) => d.headers[HEADERS.dlqOrigin]!.split('/'));
    expect(storeOrigin![1]).toBe(rawOrigin![1]);
    expect(Number(rawOrigin![2])).toBeGreaterThan(Number(storeOrigin![2]));
    const ids = (await h.warehouse.query<{ event_id: string }>("SELECT event_id FROM chat_events FINAL WHERE group_id = 'g-poison' AND event_id LIKE 'p-%' ORDER BY event_id")).map((r) => r.event_id);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `p-${i}`).filter((id) => id !== 'p-10').sort());
  });

  it('waits out a warehouse that is down without dead-lettering, and reports the stall on /readyz and /metrics', async () => {
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
    state.down = true;
    const events = Array.from({ length: 5 }, (_, i) => event(`d-${i}`, { groupId: 'g-down' }));
    expect((await post(h.url, events)).status).toBe(200);
    await waitFor(async () => (await fetch(`${h.url}/readyz`)).status === 503, 'readiness to report the stall', 30_000);
    const ready = (await (await fetch(`${h.url}/readyz`)).json()) as { status: string; components: Record<string, string> };
    expect(ready.status).toBe('stalled');
    expect(ready.components['event-store']).toMatch(/^no progress for \d+ s with records waiting/);
    const stalled = await (await fetch(`${h.url}/metrics`)).text();
    expect(stalled).toMatch(/qunpulse_component_ready\{component="event-store"\} 0/);
    expect(stalled).toMatch(/qunpulse_consumer_retries_total\{consumer="event-store"\} [1-9]/);
    expect(h.store.stats.insertRetries).toBeGreaterThan(0);

    state.down = false;
    await waitStored(h.warehouse, 5, "group_id = 'g-down'");
    await waitFor(async () => (await fetch(`${h.url}/readyz`)).status === 200, 'readiness after the warehouse came back', 30_000);
    expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(/qunpulse_component_ready\{component="event-store"\} 1/);
    expect(await storedCount(h.warehouse, "group_id = 'g-down'")).toBe(5);
    // Only the eight dead letters of the tests above: three 400s, three import lines, two from the store.
    const dead = await readTopic(h.bus, h.bus.topics.deadLetter, 8);
    expect(dead).toHaveLength(8);
    expect(dead.filter((d) => String(d.value).includes('g-down'))).toEqual([]);
  });
});

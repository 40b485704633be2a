// 100,000 canonical events through the real broker into embedded ClickHouse, imported twice:
// every count matches what was sent, the second import changes nothing, invalid lines are
// dead-lettered with their reason and counted by the import.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS, type ChatEventInput } from '@qunpulse/contracts';
import { importNdjson } from '@qunpulse/cli';
import { startEventStore, type EventStore } from '@qunpulse/event-store';
import type { InRecord, KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { testBus, testWarehouse, uniqueName, waitFor } from './support/kit.js';

const VALID = 100_000;
const TYPES = ['message', 'message', 'message', 'message', 'member_joined', 'member_left', 'reaction', 'group_updated'] as const;
const START = Date.UTC(2026, 2, 1);

function makeEvent(i: number): ChatEventInput {
  const tenantId = i % 3 === 0 ? 'tenant-b' : 'tenant-a';
  const platform = (['wecom', 'telegram', 'slack'] as const)[i % 3]!;
  const groupId = `grp-${i % 17}`;
  const type = TYPES[i % TYPES.length]!;
  const base = { eventId: `evt-${i}`, tenantId, platform, groupId, memberId: `m-${i % 997}`, occurredAt: new Date(START + i * 1_000).toISOString() };
  switch (type) {
    case 'message': return { ...base, type, message: { kind: i % 50 === 0 ? 'red_packet' : 'text', length: i % 80, ...(i > 10 ? { replyTo: { eventId: `evt-${i - 8}` } } : {}) } };
    case 'member_joined': return { ...base, type, join: { via: 'invite', inviterId: `m-${(i + 1) % 997}` } };
    case 'member_left': return { ...base, type, leave: { reason: 'quit' } };
    case 'reaction': return { ...base, type, reaction: { targetEventId: `evt-${i - 1}`, emoji: '👍' } };
    case 'group_updated': return { ...base, type, group: { name: `Group ${i % 17}`, purpose: 'interest' } };
  }
}

const INVALID_LINES = [
  '{"eventId": "broken"',
  JSON.stringify({ eventId: 'no-type', tenantId: 'tenant-a', platform: 'wecom', groupId: 'grp-1', memberId: 'm', occurredAt: START }),
  JSON.stringify({ eventId: 'bad-platform', type: 'message', tenantId: 'tenant-a', platform: 'myspace', groupId: 'grp-1', memberId: 'm', occurredAt: START, message: { kind: 'text' } }),
  JSON.stringify({ eventId: 'too-old', type: 'message', tenantId: 'tenant-a', platform: 'wecom', groupId: 'grp-1', memberId: 'm', occurredAt: '1999-01-01T00:00:00Z', message: { kind: 'text' } }),
  JSON.stringify({ eventId: '', type: 'member_joined', tenantId: 'tenant-a', platform: 'wecom', groupId: 'grp-1', memberId: 'm', occurredAt: START }),
];
// Scattered through the file, so invalid lines share batches with valid ones.
const INVALID_EVERY = 10_000;
const INVALID_COPIES = VALID / INVALID_EVERY;

type CountRow = { tenant_id: string; platform: string; group_id: string; type: string; n: number };

async function countsByGroupAndType(wh: Warehouse): Promise<Map<string, number>> {
  const rows = await wh.query<CountRow>(
    'SELECT tenant_id, platform, group_id, type, count() AS n FROM chat_events FINAL GROUP BY tenant_id, platform, group_id, type');
  return new Map(rows.map((r) => [`${r.tenant_id}/${r.platform}/${r.group_id}/${r.type}`, r.n]));
}

async function storedLag(store: EventStore): Promise<number> {
  return (await store.consumer.lag()).reduce((s, p) => s + p.lag, 0);
}

async function readTopic(bus: KafkaBus, topic: string, expected: number): Promise<InRecord[]> {
  const consumer = await bus.consumer({ groupId: uniqueName('dlq-reader'), topics: [topic] });
  const seen: InRecord[] = [];
  await consumer.run(async (batch) => { seen.push(...batch.records); });
  await waitFor(async () => seen.length >= expected, `${expected} records on ${topic}`);
  await consumer.stop();
  return seen;
}

describe('import → Kafka → event store → ClickHouse', () => {
  let bus: KafkaBus;
  let wh: Warehouse;
  let store: EventStore;
  let file: string;
  const expected = new Map<string, number>();

  beforeAll(async () => {
    bus = await testBus('roundtrip');
    wh = await testWarehouse();
    const lines: string[] = [];
    for (let i = 0; i < VALID; i++) {
      const e = makeEvent(i);
      const key = `${e.tenantId}/${e.platform}/${e.groupId}/${e.type}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
      lines.push(JSON.stringify(e));
      if (i % INVALID_EVERY === INVALID_EVERY / 2) for (const bad of INVALID_LINES) lines.push(bad);
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-roundtrip-'));
    file = path.join(dir, 'events.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');
    store = await startEventStore({ bus, warehouse: wh, log: silentLogger(), groupId: uniqueName('store') });
  });

  afterAll(async () => {
    await store?.stop();
    await bus?.close();
    await wh?.close();
  });

  it('stores every valid event once and counts the invalid lines with their reasons', async () => {
    const summary = await importNdjson(bus, [file], { quiet: true });
    expect(summary.accepted).toBe(VALID);
    expect(summary.rejected).toBe(INVALID_LINES.length * INVALID_COPIES);
    const reasons = Object.keys(summary.reasons);
    expect(reasons).toHaveLength(INVALID_LINES.length);
    for (const pattern of [/^\(record\): malformed JSON/, /^eventId must not be empty$/, /^occurredAt is before 2000-01-01$/, /^platform must be one of wecom, /, /^type must be one of message, /]) {
      expect(reasons.filter((r) => pattern.test(r))).toHaveLength(1);
    }
    for (const n of Object.values(summary.reasons)) expect(n).toBe(INVALID_COPIES);
    await waitFor(async () => (await storedLag(store)) === 0, 'the event store to catch up', 120_000);
    expect(await countsByGroupAndType(wh)).toEqual(expected);
  });

  it('leaves every count unchanged when the same file is imported again', async () => {
    const before = await countsByGroupAndType(wh);
    const summary = await importNdjson(bus, [file], { quiet: true });
    expect(summary.accepted).toBe(VALID);
    await waitFor(async () => (await storedLag(store)) === 0, 'the event store to catch up', 120_000);
    expect(store.stats.stored).toBe(2 * VALID);
    expect(await countsByGroupAndType(wh)).toEqual(before);
    const [{ n }] = await wh.query<{ n: number }>('SELECT count() AS n FROM chat_events FINAL');
    expect(n).toBe(VALID);
  });

  it('dead-letters each invalid line with its original bytes and reason headers', async () => {
    const dlq = await readTopic(bus, bus.topics.deadLetter, 2 * INVALID_LINES.length * INVALID_COPIES);
    expect(dlq).toHaveLength(2 * INVALID_LINES.length * INVALID_COPIES);
    for (const r of dlq) {
      expect(INVALID_LINES).toContain(r.value!.toString('utf8'));
      expect(r.headers[HEADERS.dlqReason]).toBeTruthy();
      expect(r.headers[HEADERS.dlqStep]).toBe('validate');
      expect(r.headers[HEADERS.dlqOrigin]).toMatch(/events\.ndjson:\d+$/);
    }
    const broken = dlq.find((r) => r.value!.toString() === INVALID_LINES[0]);
    expect(broken!.headers[HEADERS.dlqReason]).toContain('malformed JSON');
  });
});

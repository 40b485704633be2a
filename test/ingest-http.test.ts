// POST /v1/events over real HTTP into the real broker and, through the event store, into embedded
// ClickHouse: 10,000 mixed valid and invalid events; every valid one stored exactly once, every
// invalid one answered with its field and reason and dead-lettered, and the counts add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS } from '@qunpulse/contracts';
import type { Producer } from '@qunpulse/kafka';
import { waitFor } from './support/kit.js';
import { hashToken, newToken, readTopic, startIngestHarness, storedCount, waitStored, type IngestHarness } from './support/ingest.js';

const TOKEN = newToken();
const BETA_TOKEN = newToken();
const tenants = {
  tenants: [
    { id: 'acme', tokenHashes: [hashToken(TOKEN)] },
    { id: 'beta', tokenHashes: [`sha256:${hashToken(BETA_TOKEN)}`], keepText: true, pseudonymKey: 'beta-pseudonym-key' },
  ],
};
const NOW = Date.now();
const DAY = 86_400_000;

interface Planned { line: Buffer; value?: unknown; valid: boolean; field?: string; duplicate?: boolean }

function valid(i: number): Record<string, unknown> {
  const base = { eventId: `e-${i}`, platform: 'telegram', groupId: `g-${i % 13}`, memberId: `m-${i % 101}`, occurredAt: NOW - DAY + i };
  // Some valid events claim another tenant: the token decides, so they are stored under acme.
  const tenant = i % 50 === 0 ? { tenantId: 'evil' } : {};
  switch (i % 4) {
    case 0: return { ...base, ...tenant, type: 'message', message: { kind: 'text', text: `hello ${i} see https://x.example/${i % 7}` } };
    case 1: return { ...base, type: 'member_joined', join: { via: 'invite', inviterId: `m-${(i + 1) % 101}` } };
    case 2: return { ...base, type: 'reaction', reaction: { targetEventId: `e-${i - 2}`, emoji: '👍' } };
    default: return { ...base, type: 'message', message: { kind: 'image', replyTo: { eventId: `e-${i - 3}` } } };
  }
}

/** One invalid item per kind of bad input; `ndjson` decides whether raw-byte problems are possible. */
function invalid(i: number, ndjson: boolean, previousValid: Record<string, unknown>): Planned {
  const v = valid(i);
  const obj = (value: unknown, field: string): Planned => ({ line: Buffer.from(JSON.stringify(value)), value, valid: false, field });
  switch (i % 9) {
    case 0: return obj({ ...v, memberId: 7 }, 'memberId');
    case 1: return obj({ ...v, type: 'shout' }, 'type');
    case 2: { const { eventId: _, ...rest } = v; return obj(rest, 'eventId'); }
    case 3: return obj({ ...v, occurredAt: NOW + 3 * DAY }, 'occurredAt');
    case 4: return obj({ ...v, occurredAt: '1999-12-31T00:00:00Z' }, 'occurredAt');
    case 5: return obj({ ...v, type: 'message', message: { kind: 'text', text: 'x'.repeat(70_000) } }, 'message.text');
    case 6: return { ...obj(previousValid, 'eventId'), duplicate: true };
    case 7: return ndjson ? { line: Buffer.from('{"eventId": "half'), valid: false, field: '(record)' } : obj(42, '(record)');
    default: return ndjson ? { line: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), valid: false, field: '(record)' } : obj({ ...v, groupId: undefined }, 'groupId');
  }
}

function plan(request: number, size: number, ndjson: boolean): Planned[] {
  const out: Planned[] = [];
  let lastValid: Record<string, unknown> = valid(request * size);
  for (let k = 0; k < size; k++) {
    const i = request * size + k;
    if (k % 7 === 3) out.push(invalid(i, ndjson, lastValid));
    else {
      lastValid = valid(i);
      out.push({ line: Buffer.from(JSON.stringify(lastValid)), value: lastValid, valid: true });
    }
  }
  return out;
}

function body(items: Planned[], ndjson: boolean): Buffer {
  return ndjson ? Buffer.concat(items.flatMap((p) => [p.line, Buffer.from('\n')])) : Buffer.from(JSON.stringify(items.map((p) => p.value)));
}

async function post(url: string, data: Buffer | string, ndjson: boolean, token = TOKEN) {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST', body: data,
    headers: { authorization: `Bearer ${token}`, 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { accepted: number; rejected: number; results: { status: string; field?: string; reason?: string; eventId?: string }[]; error?: string } };
}

describe('ingest API over HTTP', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness(tenants, { limits: { maxBodyBytes: 4 * 1024 * 1024, maxBatchEvents: 1_000 } });
  });
  afterAll(async () => { await h?.close(); });

  it('stores every valid event of 10,000 exactly once and answers or dead-letters every invalid one', async () => {
    const REQUESTS = 20;
    const SIZE = 500;
    let accepted = 0;
    let rejected = 0;
    let expectedValid = 0;
    let expectedDuplicates = 0;
    const firstBody: { data: Buffer; ndjson: boolean }[] = [];
    for (let r = 0; r < REQUESTS; r++) {
      const ndjson = r % 2 === 0;
      const items = plan(r, SIZE, ndjson);
      const data = body(items, ndjson);
      if (r === 0) firstBody.push({ data, ndjson });
      const res = await post(h.url, data, ndjson);
      expect(res.status).toBe(207);
      expect(res.json.results).toHaveLength(SIZE);
      items.forEach((p, k) => {
        const got = res.json.results[k]!;
        expect(got.status, `request ${r} item ${k}`).toBe(p.valid ? 'accepted' : 'rejected');
        if (!p.valid) {
          expect(got.field, `request ${r} item ${k}: ${got.reason}`).toBe(p.field);
          expect(got.reason!.length).toBeGreaterThan(5);
        }
      });
      accepted += res.json.accepted;
      rejected += res.json.rejected;
      expectedValid += items.filter((p) => p.valid).length;
      expectedDuplicates += items.filter((p) => p.duplicate).length;
    }
    expect(accepted + rejected).toBe(REQUESTS * SIZE);
    expect(accepted).toBe(expectedValid);

    await waitStored(h.warehouse, expectedValid, "tenant_id = 'acme'");
    const dead = await readTopic(h.bus, h.bus.topics.deadLetter, rejected);
    expect(dead).toHaveLength(rejected);
    expect(dead.every((d) => (d.headers[HEADERS.dlqReason] ?? '').length > 0)).toBe(true);
    expect(expectedDuplicates).toBeGreaterThan(0);
    expect(dead.filter((d) => d.headers[HEADERS.dlqReason]!.includes('duplicate of event'))).toHaveLength(expectedDuplicates);

    // Replaying a request stores nothing new.
    const replay = await post(h.url, firstBody[0]!.data, firstBody[0]!.ndjson);
    expect(replay.json.accepted).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2_000));
    await waitStored(h.warehouse, expectedValid, "tenant_id = 'acme'");
    expect(await storedCount(h.warehouse, "tenant_id = 'acme'")).toBe(expectedValid);
    expect(await storedCount(h.warehouse)).toBe(expectedValid);
    expect(await storedCount(h.warehouse, "tenant_id = 'evil'")).toBe(0);

    // Text is dropped by default; its length, link flag and hash remain.
    const rows = await h.warehouse.query<{ message_text: string; message_length: number; has_link: number; text_hash: string }>(
      "SELECT message_text, message_length, has_link, text_hash FROM chat_events FINAL WHERE tenant_id = 'acme' AND event_id = 'e-4'");
    expect(rows).toEqual([{ message_text: '', message_length: 'hello 4 see https://x.example/4'.length, has_link: 1, text_hash: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
  });

  it('keeps text for an opted-in tenant and pseudonymises its members', async () => {
    const event = { eventId: 'b-1', platform: 'slack', groupId: 'C1', memberId: 'U-alice', occurredAt: NOW - DAY, type: 'message', message: { kind: 'text', text: 'hi all', mentions: ['U-bob'] } };
    const res = await post(h.url, JSON.stringify(event), false, BETA_TOKEN);
    expect(res.status).toBe(200);
    await waitStored(h.warehouse, 1, "tenant_id = 'beta'");
    const [row] = await h.warehouse.query<{ member_id: string; message_text: string; mentions: string[] }>(
      "SELECT member_id, message_text, mentions FROM chat_events FINAL WHERE tenant_id = 'beta'");
    expect(row!.message_text).toBe('hi all');
    expect(row!.member_id).toMatch(/^p_/);
    expect(row!.member_id).not.toContain('alice');
    expect(row!.mentions[0]).toMatch(/^p_/);
  });

  it('answers 401 without a valid token, 400 for an unreadable body, 413 for oversized requests', async () => {
    expect((await fetch(`${h.url}/v1/events`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await post(h.url, '{}', false, 'not-a-token')).status).toBe(401);
    const malformed = await post(h.url, '[{"eventId":', false);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toContain('(body): malformed JSON');
    const badUtf8 = await post(h.url, Buffer.from([0x5b, 0xff, 0x5d]), false);
    expect(badUtf8.json.error).toBe('(body): invalid UTF-8');
    const tooMany = await post(h.url, JSON.stringify(Array.from({ length: 1_001 }, (_, i) => valid(i))), false);
    expect(tooMany.status).toBe(413);
    expect(tooMany.json.error).toContain('at most 1000 per request');
    const tooBig = await fetch(`${h.url}/v1/events`, { method: 'POST', body: Buffer.alloc(5 * 1024 * 1024, 0x20), headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
    expect(tooBig.status).toBe(413);
    const allBad = await post(h.url, JSON.stringify([{ ...valid(1), type: 'shout' }]), false);
    expect(allBad.status).toBe(400);
    expect(allBad.json.results[0]!.reason).toContain('type must be one of');
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(text).toMatch(/qunpulse_ingest_events_total\{source="http",outcome="accepted"\} \d+/);
    expect(text).toContain('qunpulse_ingest_request_seconds_bucket');
  });
});

describe('ingest API when Kafka is slow or down', () => {
  let h: IngestHarness;
  let hold: Promise<void> = Promise.resolve();
  beforeAll(async () => {
    // The real producer, with its sends held back while `hold` is pending: Kafka being slow.
    const slow = (p: Producer): Producer => ({
      async send(topic, records) { await hold; await p.send(topic, records); },
      close: () => p.close(),
    });
    h = await startIngestHarness(tenants, { producer: slow, limits: { maxInflightEvents: 600, produceTimeoutMs: 1_500 } });
  });
  afterAll(async () => { await h?.close(); });

  it('answers 429 beyond the in-flight bound and 503 when Kafka does not acknowledge in time', async () => {
    let release!: () => void;
    hold = new Promise((r) => { release = r; });
    const events = (from: number) => JSON.stringify(Array.from({ length: 500 }, (_, i) => valid(from + i)));
    const first = post(h.url, events(0), false);
    await new Promise((r) => setTimeout(r, 200));
    const second = await post(h.url, events(500), false);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    const timedOut = await first;
    expect(timedOut.status).toBe(503);
    expect(timedOut.headers.get('retry-after')).toBe('5');
    expect((await fetch(`${h.url}/readyz`)).status).toBe(503);
    release();
    await waitFor(async () => (await fetch(`${h.url}/readyz`)).status === 200, 'readiness after Kafka caught up');
    // The client retries; the held records land as well, and deterministic ids keep one copy each.
    const retried = await post(h.url, events(0), false);
    expect(retried.status).toBe(200);
    await waitStored(h.warehouse, 500);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await storedCount(h.warehouse)).toBe(500);
  });

  it('answers 503 with Retry-After when the producer is gone', async () => {
    await h.producer.close();
    const res = await post(h.url, JSON.stringify(valid(9_999)), false);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});

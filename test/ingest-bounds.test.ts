// Bounded inputs over real HTTP into the real broker: media types enforced (415), JSON nesting
// limited (400, no stack overflow), oversized rejected events dead-lettered truncated with a flag and
// a hash of the whole, per-tenant token buckets (429 + Retry-After) that leave other tenants alone.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS } from '@qunpulse/contracts';
import { DEAD_LETTER_MAX_VALUE_BYTES } from '@qunpulse/kafka';
import { hashToken, newToken, readTopic, startIngestHarness, type IngestHarness } from './support/ingest.js';

const TOKEN = newToken();
const SLOW_TOKEN = newToken();
const tenants = {
  tenants: [
    { id: 'acme', tokenHashes: [hashToken(TOKEN)], webhooks: { telegram: { secretToken: 'tg-secret-token-123' } } },
    { id: 'slow', tokenHashes: [hashToken(SLOW_TOKEN)], rateLimit: { requestsPerSecond: 0.5, burst: 3 } },
  ],
};
const NOW = Date.now();
const event = (id: string, extra: Record<string, unknown> = {}) => ({
  eventId: id, tenantId: 'acme', type: 'message', platform: 'telegram', groupId: 'g-1', memberId: 'm-1', occurredAt: NOW - 60_000,
  message: { kind: 'text', text: 'hi' }, ...extra,
});

async function post(url: string, body: string | Buffer, contentType: string | undefined, token = TOKEN, path = '/v1/events') {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const res = await fetch(`${url}${path}`, { method: 'POST', body, headers });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { error?: string; results?: { field: string; reason: string }[] } };
}

describe('ingest API bounds', () => {
  let h: IngestHarness;
  beforeAll(async () => { h = await startIngestHarness(tenants); });
  afterAll(async () => { await h?.close(); });

  it('answers 415 for JSON sent as text, a form or XML, on /v1/events and the JSON webhooks', async () => {
    const body = JSON.stringify(event('ct-1'));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=iso-8859-1', undefined]) {
      const res = await post(h.url, body, type);
      expect(res.status, String(type)).toBe(415);
      expect(res.json.error).toMatch(/^Content-Type: expected application\/json/);
    }
    const hook = await fetch(`${h.url}/v1/webhooks/telegram/acme`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain', 'x-telegram-bot-api-secret-token': 'tg-secret-token-123' } });
    expect(hook.status).toBe(415);
    expect((await post(h.url, body, 'application/json; charset=UTF-8')).status).toBe(200);
  });

  it('answers 400 for JSON nested 5,000 deep, as a body, inside a rejected event, on an NDJSON line and on a webhook', async () => {
    const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const body = await post(h.url, `[${JSON.stringify(event('deep-1')).slice(0, -1)},"extra":${deep(5_000)}}]`, 'application/json');
    expect(body).toMatchObject({ status: 400, json: { error: '(body): JSON nested deeper than 64 levels' } });
    const line = await post(h.url, `${JSON.stringify(event('deep-2'))}\n{"eventId":"deep-3","x":${deep(5_000)}}\n`, 'application/x-ndjson');
    expect(line.status).toBe(207);
    expect(line.json.results![1]).toMatchObject({ field: '(record)', reason: '(record): JSON nested deeper than 64 levels' });
    const hook = await fetch(`${h.url}/v1/webhooks/telegram/acme`, { method: 'POST', body: deep(5_000), headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'tg-secret-token-123' } });
    expect(hook.status).toBe(400);
    expect(((await hook.json()) as { error: string }).error).toBe('(body): JSON nested deeper than 64 levels');
  });

  it('dead-letters a rejected 9 MiB event truncated, flagged, with the size and hash of the whole, and answers 400', async () => {
    const body = JSON.stringify(event('huge-1', { message: { kind: 'text', text: 'x'.repeat(9 * 1024 * 1024) } }));
    const res = await post(h.url, body, 'application/json');
    expect(res.status).toBe(400);
    expect(res.json.results![0]!.field).toBe('message.text');
    const dead = (await readTopic(h.bus, h.bus.topics.deadLetter, 2)).find((d) => d.headers[HEADERS.dlqTruncated] === 'true')!;
    expect(dead.value!.length).toBe(DEAD_LETTER_MAX_VALUE_BYTES);
    expect(dead.headers[HEADERS.dlqOriginalBytes]).toBe(String(Buffer.byteLength(body)));
    expect(dead.headers[HEADERS.dlqOriginalSha256]).toBe(createHash('sha256').update(body).digest('hex'));
    expect(dead.headers[HEADERS.dlqReason]).toContain('message.text must be at most 65536 characters');
  });

  it('limits each tenant to its own token bucket: 429 with Retry-After for it, the others unaffected', async () => {
    const one = (i: number) => JSON.stringify(event(`slow-${i}`));
    // Sent at once, so no token comes back in between however slow the machine is.
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => post(h.url, one(i), 'application/json', SLOW_TOKEN)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429]);
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.json.error).toBe('(tenant): slow sent more than 0.5 requests per second (burst 3); retry after 2 s');
    expect((await post(h.url, JSON.stringify(event('acme-during-slow')), 'application/json')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await post(h.url, one(9), 'application/json', SLOW_TOKEN)).status).toBe(200);
  });
});

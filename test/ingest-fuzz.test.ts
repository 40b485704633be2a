// 10,000 generated malformed requests (seeded) to the ingest API on 127.0.0.1, over real HTTP, into
// the real broker: every one is answered 4xx naming the field, none 5xx, all within a time bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken, startIngestHarness, storedCount, type IngestHarness } from './support/ingest.js';
import { printFigures, topicRecords } from './support/faults.js';
import { sampleMalformed, type MalformedRequest } from './support/malformed.js';

const TOKEN = newToken();
const SEED = 20261201;
const COUNT = 10_000;
const CONCURRENCY = 64;

interface Answer { status: number; error?: string; results?: { status: string; field?: string }[] }

async function send(url: string, r: MalformedRequest): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.token === 'valid') headers.authorization = `Bearer ${TOKEN}`;
  if (r.token === 'unknown') headers.authorization = `Bearer ${newToken()}`;
  const body = typeof r.body === 'string' ? r.body : Buffer.from(r.body);
  const res = await fetch(`${url}/v1/events`, { method: 'POST', headers, body });
  return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
}

/** The field the answer names: the request's error prefix, or the one rejected event's field. */
function namedField(a: Answer): string | undefined {
  if (a.error !== undefined) return /^([^:\s]+):/.exec(a.error)?.[1];
  const fields = new Set(a.results?.map((r) => r.field));
  return fields.size === 1 ? [...fields][0] : undefined;
}

describe('ingest API under generated malformed requests', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness({ tenants: [{ id: 'fuzz', tokenHashes: [hashToken(TOKEN)], rateLimit: { requestsPerSecond: 100_000, burst: 100_000 } }] });
  });
  afterAll(async () => { await h?.close(); });

  it(`answers each of ${COUNT.toLocaleString('en-US')} 4xx naming the field, never 5xx`, { timeout: 240_000 }, async () => {
    const requests = sampleMalformed(COUNT, SEED);
    const wrong: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const i = next++;
        const r = requests[i]!;
        const a = await send(h.url, r);
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        const field = namedField(a);
        if (a.status !== r.status || field !== r.field) {
          wrong.push(`#${i} ${r.what}: expected ${r.status} naming ${r.field}, got ${a.status} naming ${field} (${JSON.stringify(a).slice(0, 300)})`);
        }
      }
    }));
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`ingest fuzz: ${COUNT} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    const count = (ok: (status: number) => boolean) => [...statuses].filter(([st]) => ok(st)).reduce((n, [, k]) => n + k, 0);
    const stored = await storedCount(h.warehouse);
    printFigures(`${COUNT.toLocaleString('en-US')} generated malformed requests (${seconds.toFixed(1)} s)`, {
      sent: 0, invalid: COUNT, stored, deadLettered: await topicRecords(h.bus, h.bus.topics.deadLetter), duplicates: 0,
      http4xx: count((st) => st >= 400 && st < 500), http5xx: count((st) => st >= 500), recoverMs: undefined,
    });
    expect(stored).toBe(0);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    // A bound that catches a hang or a pathological slowdown, with room for a busy CI machine.
    expect(seconds).toBeLessThan(150);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});

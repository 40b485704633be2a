// Benchmark of the ingest API: starts it on loopback against the given bus, posts valid events at
// batch sizes 1, 100 and 1,000 from several concurrent clients (bounded by event count and time),
// and reports events/s and request latency percentiles. Latency is until Kafka acknowledged.
import { randomBytes } from 'node:crypto';
import { createIngestServer, hashToken, TenantDirectory } from '@qunpulse/ingest-api';
import type { KafkaBus } from '@qunpulse/kafka';

export interface IngestApiBenchOptions {
  batchSizes?: number[];
  /** Most events sent per batch size. */
  maxEvents?: number;
  /** Most seconds spent per batch size. */
  maxSeconds?: number;
  /** Concurrent HTTP clients. */
  concurrency?: number;
}

export interface IngestApiBenchResult {
  batchSize: number;
  requests: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests not answered 200 (there should be none). */
  failedRequests: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchIngestApi(bus: KafkaBus, opts: IngestApiBenchOptions = {}): Promise<IngestApiBenchResult[]> {
  const token = randomBytes(24).toString('base64url');
  const run = randomBytes(4).toString('hex');
  const tenants = TenantDirectory.parse({ tenants: [{ id: `bench-${run}`, tokenHashes: [hashToken(token)], rateLimit: { requestsPerSecond: 1_000_000, burst: 1_000_000 } }] });
  const producer = await bus.producer({ idempotent: true });
  const api = createIngestServer({ bus, producer, tenants, limits: { maxBatchEvents: 10_000, maxInflightEvents: 1_000_000 } });
  const { url } = await api.listen(0, '127.0.0.1');
  const start = Date.now() - 3_600_000;
  let seq = 0;
  const event = () => {
    const i = seq++;
    return {
      eventId: `bench-${run}-${i}`, platform: 'telegram', groupId: `g-${i % 50}`, memberId: `m-${i % 5_000}`,
      occurredAt: start + (i % 3_600_000), type: 'message',
      message: { kind: 'text', text: `benchmark message ${i} with some ordinary words in it`, ...(i % 5 === 0 ? { replyTo: { eventId: `bench-${run}-${i - 1}` } } : {}) },
    };
  };
  const results: IngestApiBenchResult[] = [];
  try {
    for (const batchSize of opts.batchSizes ?? [1, 100, 1_000]) {
      const maxEvents = opts.maxEvents ?? (batchSize === 1 ? 5_000 : 50_000);
      const deadline = Date.now() + (opts.maxSeconds ?? 15) * 1_000;
      const concurrency = opts.concurrency ?? 8;
      const latencies: number[] = [];
      let sent = 0;
      let failed = 0;
      const began = process.hrtime.bigint();
      const client = async () => {
        while (sent < maxEvents && Date.now() < deadline) {
          const n = Math.min(batchSize, maxEvents - sent);
          sent += n;
          const body = JSON.stringify(n === 1 ? event() : Array.from({ length: n }, event));
          const t0 = process.hrtime.bigint();
          const res = await fetch(`${url}/v1/events`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
          await res.arrayBuffer();
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (res.status !== 200) { failed++; sent -= n; }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, client));
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      latencies.sort((a, b) => a - b);
      results.push({
        batchSize, requests: latencies.length, events: sent, seconds: Math.round(seconds * 100) / 100,
        eventsPerSecond: Math.round(sent / seconds), p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
        p99Ms: Math.round(percentile(latencies, 99) * 10) / 10, failedRequests: failed,
      });
    }
  } finally {
    await api.close();
    await producer.close();
  }
  return results;
}

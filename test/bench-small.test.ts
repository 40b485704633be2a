// The benchmark at a smoke size on the real broker and embedded ClickHouse: it asserts correctness
// and the report's completeness, never speed (speed is what `npm run bench` reports).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBench } from '../services/cli/src/bench/run.js';
import type { BenchReport } from '../services/cli/src/bench/report.js';
import { testBrokers } from './support/kit.js';

describe('qunpulse bench (small)', () => {
  it('stores every simulated event exactly once and reports every figure', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-bench-'));
    const { report, jsonFile, markdownFile } = await runBench({
      size: 'small', brokers: testBrokers(), outDir: path.join(dir, 'out'), workDir: path.join(dir, 'work'),
      warehouseKind: 'embedded ClickHouse (chdb)',
      overrides: { events: 5_000, freshnessSeconds: 1, perfRecords: 20_000, kolSizes: [50], kolRuns: 1, ingestEvents: 300, ingestSeconds: 1 },
    });

    const c = report.correctness;
    expect(c.produced).toBe(5_000);
    expect([c.rows, c.finalRows, c.distinctIds]).toEqual([5_000, 5_000, 5_000]);
    expect([c.rejected, c.lost, c.duplicatesBeforeMerge]).toEqual([0, 0, 0]);
    expect(c.exactlyOnce).toBe(true);

    expect(report.throughput.events).toBe(5_000);
    expect(report.throughput.eventsPerSecond).toBeGreaterThan(0);
    expect(report.freshness.stored).toBe(report.freshness.events);
    expect(report.freshness.events).toBe(10_000);
    expect(report.freshness.p99Ms).toBeGreaterThanOrEqual(report.freshness.p50Ms);
    expect(report.freshness.p50Ms).toBeGreaterThanOrEqual(0);
    expect(report.lag.series.every((p) => p.lag >= 0)).toBe(true);
    expect(report.cpu.producerMicrosPerEvent).toBeGreaterThan(0);
    expect(report.cpu.consumerMicrosPerEvent).toBeGreaterThan(0);
    expect(report.cpu.ceilingEventsPerSecond).toBeGreaterThan(0);
    expect(report.rss.producerPeakBytes).toBeGreaterThan(0);
    expect(report.rss.consumerPeakBytes).toBeGreaterThan(0);
    expect(report.brokerPerf.producer?.recordsPerSecond).toBeGreaterThan(0);
    expect(report.brokerPerf.consumer?.recordsPerSecond).toBeGreaterThan(0);
    expect(report.brokerPerf.pipelineShareOfProducer).toBeGreaterThan(0);
    const kol = report.kol as { warehouse: { groups: number }; bySize: { members: number }[] };
    expect(kol.warehouse.groups).toBeGreaterThan(0);
    expect(kol.bySize.map((s) => s.members)).toEqual([50]);
    expect((report.ingestApi as { batchSize: number; failedRequests: number }[]).map((r) => [r.batchSize, r.failedRequests])).toEqual([[1, 0], [100, 0], [1000, 0]]);
    expect(report.kafkaClients.map((k) => k.name)).toHaveLength(2);
    for (const p of [report.profiles.producer, report.profiles.eventStore]) {
      expect(existsSync(p.file)).toBe(true);
      expect(p.top.length).toBeGreaterThan(3);
      expect(p.top.reduce((s, e) => s + e.share, 0)).toBeLessThanOrEqual(1.000001);
      expect(p.mainThreadMicrosPerEvent).toBeGreaterThan(0);
    }
    // The event store's own code is on its profile: the batch step that validates and builds rows.
    expect(report.profiles.eventStore.top.some((e) => /event-store|contracts|kafkajs|zod/.test(e.where))).toBe(true);
    expect(report.machine.cpus).toBeGreaterThan(0);

    expect(JSON.parse(readFileSync(jsonFile, 'utf8')) as BenchReport).toEqual(JSON.parse(JSON.stringify(report)));
    const md = readFileSync(markdownFile, 'utf8');
    for (const heading of ['## Headline', '## Ratio to the limit', '## Where the time goes', '## Correctness', '## CPU per event', '## Freshness', '## Consumer lag', '## Memory', '## KOL recompute', '## Ingest API', '## Broker perf tools', '## Kafka clients']) {
      expect(md).toContain(heading);
    }
    expect(existsSync(path.join(dir, 'work'))).toBe(false);
  });
});

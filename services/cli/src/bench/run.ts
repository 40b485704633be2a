// Runs the whole benchmark on one broker: throughput end to end, freshness at a fixed offered load,
// lag and memory, KOL recompute, the ingest API, and Kafka's own perf tools for comparison.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PARTITIONS } from '@qunpulse/contracts';
import { KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { measureBrokerPerf } from './broker-perf.js';
import { PhaseProfiler, type ProfileSummary } from './profile.js';
import { benchIngestApi } from './ingest-api.js';
import type { KolBenchResult } from './kol.js';
import {
  ConsumerProcess, cpuMicrosOf, pidListeningOn, PRODUCE_BATCH, PRODUCE_IN_FLIGHT, produceFile, producePaced, rssOf, writeWorkloadApart,
} from './pipeline.js';
import type { Correctness, Freshness } from './protocol.js';
import { renderMarkdown, TARGETS, type BenchReport } from './report.js';

export const SIZES = {
  small: { events: 20_000, freshnessSeconds: 3, perfRecords: 200_000, kolSizes: [50, 500], kolRuns: 3, ingestEvents: 2_000, ingestSeconds: 3 },
  medium: { events: 1_000_000, freshnessSeconds: 20, perfRecords: 2_000_000, kolSizes: [50, 500, 5_000], kolRuns: 3, ingestEvents: 50_000, ingestSeconds: 10 },
  large: { events: 10_000_000, freshnessSeconds: 60, perfRecords: 10_000_000, kolSizes: [50, 500, 5_000], kolRuns: 3, ingestEvents: 200_000, ingestSeconds: 20 },
} as const;
export type BenchSize = keyof typeof SIZES;

export interface BenchOptions {
  size: BenchSize;
  brokers: string[];
  /** Where the report files go. */
  outDir: string;
  /** Scratch space for the workload and the embedded warehouse; removed afterwards. */
  workDir: string;
  warehouseKind: string;
  /** Progress lines for a human. */
  say?: (line: string) => void;
  /** Overrides for tests: fewer events, shorter phases. */
  overrides?: Partial<(typeof SIZES)[BenchSize]>;
  skipBrokerPerf?: boolean;
}

export interface BenchOutcome {
  report: BenchReport;
  jsonFile: string;
  markdownFile: string;
}

const CONFLUENT = '@confluentinc/kafka-javascript';

function cpuNow(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Whether the alternative client loads here; the reason when it does not. */
async function confluentStatus(): Promise<string> {
  try {
    // A computed specifier: the package is optional and absent from this install.
    const name = CONFLUENT;
    await import(name);
    return 'installed, but the pipeline has no adapter for it yet, so it was not measured';
  } catch (err) {
    return `not installable here: its install step (node-pre-gyp) downloads a prebuilt librdkafka binding from github.com or ` +
      `builds one from sources it downloads (zlib, OpenSSL, zstd, curl); this machine has no network access for either, ` +
      `so nothing was measured (${(err as Error).message.split('\n')[0]})`;
  }
}

function cpuFigures(events: number, producer: number, consumer: number, broker: number | null): BenchReport['cpu'] {
  const per = (micros: number) => micros / events;
  const total = per(producer) + per(consumer) + (broker === null ? 0 : per(broker));
  return {
    producerMicrosPerEvent: per(producer), consumerMicrosPerEvent: per(consumer),
    brokerMicrosPerEvent: broker === null ? null : per(broker), totalMicrosPerEvent: total,
    ceilingEventsPerSecond: (os.cpus().length * 1_000_000) / total,
  };
}

export async function runBench(opts: BenchOptions): Promise<BenchOutcome> {
  const size = { ...SIZES[opts.size], ...opts.overrides };
  const say = opts.say ?? (() => {});
  const started = Date.now();
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
  const run = `bench-${started.toString(36)}`;
  const loadStart = os.loadavg();
  mkdirSync(opts.workDir, { recursive: true });
  mkdirSync(opts.outDir, { recursive: true });
  const bus = new KafkaBus({ brokers: opts.brokers, clientId: 'qunpulse-bench', namespace: run }, silentLogger());
  let consumer: ConsumerProcess | undefined;
  let producerPeak = process.memoryUsage.rss();
  const brokerPid = pidListeningOn(Number(opts.brokers[0]!.split(':').pop()));
  let brokerPeak: number | null = brokerPid ? rssOf(brokerPid) : null;
  const memory = setInterval(() => {
    producerPeak = Math.max(producerPeak, process.memoryUsage.rss());
    const b = brokerPid ? rssOf(brokerPid) : null;
    if (b !== null) brokerPeak = Math.max(brokerPeak ?? 0, b);
  }, 500);
  try {
    say(`simulating ${size.events.toLocaleString('en-US')} events…`);
    const workload = await writeWorkloadApart(path.join(opts.workDir, 'throughput.ndjson'), { events: size.events, tenantId: `${run}-load`, seed: 1, now: started });
    const freshLoad = await writeWorkloadApart(path.join(opts.workDir, 'freshness.ndjson'), {
      events: TARGETS.freshnessOfferedPerSecond * size.freshnessSeconds, tenantId: `${run}-fresh`, seed: 2, now: started,
    });
    await bus.ensureTopics();
    consumer = await ConsumerProcess.start({
      brokers: opts.brokers, namespace: run, clientId: 'qunpulse-bench-store', groupId: `${run}-store`,
      dataDir: path.join(opts.workDir, 'warehouse'),
    });

    say('throughput: producing and storing…');
    // Both main threads are sampled over this phase only; the profiles go beside the report.
    const producerProfiler = await PhaseProfiler.start();
    await consumer.request<null>({ type: 'profile', action: 'start' });
    const cpu0 = { producer: cpuNow(), consumer: consumer.cpuMicros, broker: brokerPid ? cpuMicrosOf(brokerPid) : null };
    const t0 = Date.now();
    let producerDone = 0;
    let producerCpu = 0;
    const producing = produceFile(bus, workload.file, 'bench:load').then((r) => { producerDone = Date.now(); producerCpu = cpuNow() - cpu0.producer; return r; });
    let shown = 0;
    const storedAt = await consumer.waitHandled(workload.events, 3_600_000, (n) => {
      if (Date.now() - shown > 5_000) { shown = Date.now(); say(`  stored ${n.toLocaleString('en-US')} / ${workload.events.toLocaleString('en-US')}`); }
    });
    const brokerCpu = brokerPid && cpu0.broker !== null ? (cpuMicrosOf(brokerPid) ?? cpu0.broker) - cpu0.broker : null;
    const consumerCpu = consumer.cpuAtLastStore - cpu0.consumer;
    const produced = await producing;
    const base = path.join(opts.outDir, `${opts.size}-${stamp}`);
    const profiles = {
      producer: await producerProfiler.stop(`${base}.producer.cpuprofile`, produced.accepted),
      eventStore: await consumer.request<ProfileSummary>({ type: 'profile', action: 'stop', file: `${base}.event-store.cpuprofile`, events: workload.events }),
    };
    const lagSeries = consumer.samples.filter((s) => s.at >= t0 && s.at <= storedAt + 1_000 && s.lag >= 0)
      .map((s) => ({ s: Math.round((s.at - t0) / 1000), lag: s.lag }));
    const seconds = (storedAt - t0) / 1000;
    const eventsPerSecond = workload.events / seconds;
    const check = await consumer.request<Correctness>({ type: 'query', name: 'correctness', tenantId: workload.tenantId });
    const rejectedLoad = consumer.rejected;

    say(`freshness: offering ${TARGETS.freshnessOfferedPerSecond.toLocaleString('en-US')} events/s for ${size.freshnessSeconds} s…`);
    const before = consumer.stored + consumer.rejected;
    const freshStart = Date.now();
    const offered = await producePaced(bus, freshLoad.file, 'bench:freshness', TARGETS.freshnessOfferedPerSecond);
    await consumer.waitHandled(before + offered.events, 600_000);
    const fresh = await consumer.request<Freshness>({ type: 'query', name: 'freshness', tenantId: freshLoad.tenantId });
    const freshLag = Math.max(0, ...consumer.samples.filter((x) => x.at >= freshStart && x.lag >= 0).map((x) => x.lag));

    // Memory of the pipeline proper; the KOL benchmark below runs in the consumer process too.
    const pipelineEnd = Date.now();
    const producerPipelinePeak = producerPeak;
    const insertsDuringLoad = { batches: consumer.batchesAt(storedAt) };

    say('KOL recompute…');
    const kol = await consumer.request<KolBenchResult>({ type: 'kol', asOf: workload.lastAt, sizes: [...size.kolSizes], runs: size.kolRuns })
      .catch((err: Error) => ({ notMeasured: `the KOL benchmark failed: ${err.message.split('\n')[0]}` }));

    say('ingest API…');
    const ingestApi = await benchIngestApi(bus, { maxEvents: size.ingestEvents, maxSeconds: size.ingestSeconds })
      .catch((err: Error) => ({ notMeasured: `the ingest API benchmark failed: ${err.message.split('\n')[0]}` }));

    const consumerSamples = consumer.samples;
    await consumer.stop();
    consumer = undefined;

    say('broker perf tools…');
    const perf = opts.skipBrokerPerf
      ? { records: 0, recordBytes: 0, producer: null, consumer: null, error: 'skipped in this run' }
      : await measureBrokerPerf(bus, {
          brokers: opts.brokers, records: size.perfRecords, recordBytes: Math.round(workload.bytes / workload.events), partitions: DEFAULT_PARTITIONS.chatEvents,
        });

    const pipelineSamples = consumerSamples.filter((s) => s.at <= pipelineEnd);
    const consumerPeak = Math.max(0, ...pipelineSamples.map((s) => s.rssBytes));
    const atPeak = pipelineSamples.find((s) => s.rssBytes === consumerPeak);
    const kolPeak = Math.max(0, ...consumerSamples.filter((s) => s.at > pipelineEnd).map((s) => s.rssBytes));
    const exactlyOnce = check.finalRows === workload.events && check.distinctIds === workload.events && produced.rejected === 0 && rejectedLoad === 0;
    const confluent = await confluentStatus();
    const report: BenchReport = {
      size: opts.size,
      startedAt: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      machine: {
        cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: os.totalmem() / 1024 ** 3,
        os: `${os.type()} ${os.release()}`, node: process.version, loadAverageStart: loadStart, loadAverageEnd: os.loadavg(),
      },
      setup: { brokers: opts.brokers.join(','), partitions: DEFAULT_PARTITIONS.chatEvents, kafkaClient: 'kafkajs (@qunpulse/kafka)', warehouse: opts.warehouseKind,
        produceBatch: PRODUCE_BATCH, sendsInFlight: PRODUCE_IN_FLIGHT },
      workload: { events: workload.events, bytes: workload.bytes, avgRecordBytes: workload.bytes / workload.events, groups: workload.groups, members: workload.members },
      throughput: {
        events: workload.events, seconds, eventsPerSecond,
        inserts: insertsDuringLoad.batches, rowsPerInsert: workload.events / Math.max(1, insertsDuringLoad.batches),
        producerSeconds: (producerDone - t0) / 1000, producerEventsPerSecond: produced.accepted / ((producerDone - t0) / 1000),
        targetEventsPerSecond: opts.size === 'medium' ? TARGETS.mediumEventsPerSecond : null,
        met: opts.size === 'medium' ? eventsPerSecond >= TARGETS.mediumEventsPerSecond : null,
      },
      correctness: {
        ...check, produced: produced.accepted, rejected: produced.rejected + rejectedLoad,
        lost: workload.events - check.distinctIds, duplicatesBeforeMerge: check.rows - check.distinctIds, exactlyOnce,
      },
      freshness: {
        targetOfferedPerSecond: TARGETS.freshnessOfferedPerSecond, offeredPerSecond: offered.offeredPerSecond, events: offered.events,
        seconds: offered.seconds, p50Ms: fresh.p50Ms, p99Ms: fresh.p99Ms, maxMs: fresh.maxMs, stored: fresh.count, maxLag: freshLag,
        targetP99Ms: TARGETS.freshnessP99Ms, met: fresh.p99Ms < TARGETS.freshnessP99Ms,
      },
      cpu: cpuFigures(workload.events, producerCpu, consumerCpu, brokerCpu),
      profiles,
      lag: { intervalMs: 1_000, max: Math.max(0, ...lagSeries.map((p) => p.lag)), series: lagSeries },
      rss: {
        producerPeakBytes: producerPipelinePeak, consumerPeakBytes: consumerPeak, kolPeakBytes: kolPeak || null,
        consumerAtPeak: atPeak ? { heapBytes: atPeak.heapBytes, heapUsedBytes: atPeak.heapUsedBytes, externalBytes: atPeak.externalBytes } : null, consumerTargetBytes: TARGETS.consumerRssBytes,
        consumerMet: consumerPeak < TARGETS.consumerRssBytes, brokerPeakBytes: brokerPeak,
        ...(brokerPeak === null ? { brokerNote: 'broker process not visible from here (remote, or ss cannot see its pid)' } : {}),
      },
      kol,
      ingestApi,
      brokerPerf: {
        ...perf,
        pipelineShareOfProducer: perf.producer ? eventsPerSecond / perf.producer.recordsPerSecond : null,
        pipelineShareOfConsumer: perf.consumer ? eventsPerSecond / perf.consumer.recordsPerSecond : null,
      },
      kafkaClients: [
        { name: 'kafkajs (current wrapper)', eventsPerSecond, correct: exactlyOnce, kept: true, note: 'the only client measured in this run' },
        { name: CONFLUENT, eventsPerSecond: null, correct: null, kept: false, note: confluent },
      ],
    };
    writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    writeFileSync(`${base}.md`, renderMarkdown(report));
    return { report, jsonFile: `${base}.json`, markdownFile: `${base}.md` };
  } finally {
    clearInterval(memory);
    await consumer?.stop().catch(() => {});
    await bus.admin(async (a) => {
      const mine = (await a.listTopics()).filter((t) => t.startsWith(`${run}.`));
      if (mine.length) await a.deleteTopics({ topics: mine });
    }).catch(() => {});
    await bus.close();
    rmSync(opts.workDir, { recursive: true, force: true });
  }
}

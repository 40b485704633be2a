// The benchmark report: one JSON document with every figure, and the same figures as Markdown.
import type { BrokerPerf } from './broker-perf.js';
import type { ProfileSummary } from './profile.js';
import type { Correctness } from './protocol.js';

export const TARGETS = {
  // Issue 13: the medium run end to end on the 2-core machine kind.
  mediumEventsPerSecond: 60_000,
  freshnessOfferedPerSecond: 10_000,
  freshnessP99Ms: 5_000,
  consumerRssBytes: 1024 ** 3,
} as const;

export interface NotMeasured {
  notMeasured: string;
}

export interface BenchReport {
  size: string;
  startedAt: string;
  durationSeconds: number;
  machine: {
    cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string;
    loadAverageStart: number[]; loadAverageEnd: number[];
  };
  setup: { brokers: string; partitions: number; kafkaClient: string; warehouse: string; produceBatch: number; sendsInFlight: number };
  workload: { events: number; bytes: number; avgRecordBytes: number; groups: number; members: number };
  throughput: {
    events: number; seconds: number; eventsPerSecond: number;
    /** ClickHouse inserts the event store made for the load (one per Kafka batch) and their mean size. */
    inserts: number; rowsPerInsert: number;
    producerSeconds: number; producerEventsPerSecond: number;
    targetEventsPerSecond: number | null; met: boolean | null;
  };
  correctness: Correctness & { produced: number; rejected: number; lost: number; duplicatesBeforeMerge: number; exactlyOnce: boolean };
  freshness: {
    targetOfferedPerSecond: number; offeredPerSecond: number; events: number; seconds: number;
    p50Ms: number; p99Ms: number; maxMs: number; targetP99Ms: number; met: boolean; stored: number;
    /** Highest consumer lag sampled while the load was offered. */
    maxLag: number;
  };
  /**
   * CPU time each process spent per event in the throughput phase, and the rate the machine's cores
   * could sustain at that cost if nothing else ran.
   */
  cpu: {
    producerMicrosPerEvent: number; consumerMicrosPerEvent: number; brokerMicrosPerEvent: number | null;
    totalMicrosPerEvent: number; ceilingEventsPerSecond: number;
  };
  /** Main-thread CPU profiles of the throughput phase: where each stage's own code spends its time. */
  profiles: { producer: ProfileSummary; eventStore: ProfileSummary };
  lag: { intervalMs: number; max: number; series: { s: number; lag: number }[] };
  rss: {
    producerPeakBytes: number;
    consumerPeakBytes: number;
    /** The consumer process while it recomputed KOLs over everything stored (after the pipeline phases). */
    kolPeakBytes: number | null;
    /** Where the consumer's peak sat: the V8 heap and Buffers; the rest of RSS is native (ClickHouse, code). */
    consumerAtPeak: { heapBytes: number; heapUsedBytes: number; externalBytes: number } | null;
    consumerTargetBytes: number;
    consumerMet: boolean;
    brokerPeakBytes: number | null;
    brokerNote?: string;
  };
  kol: unknown;
  ingestApi: unknown;
  brokerPerf: BrokerPerf & { pipelineShareOfProducer: number | null; pipelineShareOfConsumer: number | null };
  kafkaClients: { name: string; eventsPerSecond: number | null; correct: boolean | null; kept: boolean; note: string }[];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (b: number | null) => (b === null ? 'n/a' : `${Math.round(b / 1024 / 1024)} MiB`);
const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`);
const yes = (b: boolean | null) => (b === null ? '—' : b ? 'met' : 'MISSED');

function isNotMeasured(x: unknown): x is NotMeasured {
  return typeof x === 'object' && x !== null && 'notMeasured' in x;
}

interface KolLike {
  warehouse?: { groups: number; memberRows: number; totalMs: number; readMs: number; computeMs: number; writeMs: number; perGroup: { members: number; ms: number }[] };
  bySize: { targetMembers: number; members: number; edges: number; betweennessMode: string; ms: number }[];
}

interface IngestLike { batchSize: number; events: number; eventsPerSecond: number; p50Ms: number; p99Ms: number; failedRequests: number }

function kolSection(kol: unknown): string[] {
  if (isNotMeasured(kol)) return [`Not measured in this run: ${kol.notMeasured}`];
  const k = kol as KolLike;
  const lines: string[] = [];
  if (k.warehouse) {
    const w = k.warehouse;
    lines.push(`All groups (${w.groups} groups, ${int(w.memberRows)} member rows): **${int(w.totalMs)} ms** (read ${int(w.readMs)}, compute ${int(w.computeMs)}, write ${int(w.writeMs)})`, '');
    const buckets = [[0, 100], [100, 300], [300, 1000], [1000, Infinity]] as const;
    lines.push('| group size (members) | groups | median ms | max ms |', '|---|---:|---:|---:|');
    for (const [lo, hi] of buckets) {
      const xs = w.perGroup.filter((g) => g.members >= lo && g.members < hi).map((g) => g.ms).sort((a, b) => a - b);
      if (!xs.length) continue;
      lines.push(`| ${lo}–${hi === Infinity ? '∞' : hi - 1} | ${xs.length} | ${xs[xs.length >> 1]!.toFixed(1)} | ${xs[xs.length - 1]!.toFixed(1)} |`);
    }
    lines.push('');
  }
  lines.push('| synthetic group | members in graph | edges | betweenness | ms per group |', '|---|---:|---:|---|---:|');
  for (const s of k.bySize) lines.push(`| ~${int(s.targetMembers)} | ${int(s.members)} | ${int(s.edges)} | ${s.betweennessMode} | ${s.ms.toFixed(1)} |`);
  return lines;
}

function ingestSection(api: unknown): string[] {
  if (isNotMeasured(api)) return [`Not measured in this run: ${api.notMeasured}`];
  const rows = api as IngestLike[];
  return [
    '| batch size | events | events/s | p50 ms | p99 ms | failed requests |', '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.batchSize} | ${int(r.events)} | ${int(r.eventsPerSecond)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${r.failedRequests} |`),
  ];
}

/** What a missed target comes down to, in the run's own figures. */
function targetsSection(r: BenchReport): string[] {
  const missed: string[] = [];
  const ceiling = `the CPU the pipeline spends per event (${r.cpu.totalMicrosPerEvent.toFixed(0)} µs across producer, consumer and broker) caps ${r.machine.cpus} cores at ~${int(r.cpu.ceilingEventsPerSecond)} events/s even with nothing else running`;
  const busy = `the load average was ${r.machine.loadAverageStart[0]!.toFixed(1)} at the start on ${r.machine.cpus} cores, so the pipeline's processes had a fraction of a core each`;
  if (r.throughput.met === false) missed.push(`- Throughput ${int(r.throughput.eventsPerSecond)} < ${int(r.throughput.targetEventsPerSecond!)} events/s: ${ceiling}; ${busy}.`);
  if (!r.freshness.met) missed.push(`- Freshness p99 ${int(r.freshness.p99Ms)} ms ≥ ${int(r.freshness.targetP99Ms)} ms with ${int(r.freshness.offeredPerSecond)} events/s offered: the consumer fell behind the offered load (lag up to ${int(r.freshness.maxLag)} records); ${busy}.`);
  if (!r.rss.consumerMet) missed.push(`- Consumer RSS ${mib(r.rss.consumerPeakBytes)} ≥ 1 GiB.`);
  if (r.freshness.offeredPerSecond < r.freshness.targetOfferedPerSecond * 0.95) {
    missed.push(`- The producer offered ${int(r.freshness.offeredPerSecond)} of the intended ${int(r.freshness.targetOfferedPerSecond)} events/s in the freshness phase (it could not get enough CPU).`);
  }
  return missed.length ? ['## Targets missed', '', ...missed, ''] : ['## Targets', '', 'Every target of this size was met.', ''];
}

/** End to end beside Kafka's own tools, and what each stage costs per event. */
function limitSection(r: BenchReport): string[] {
  const bp = r.brokerPerf;
  const share = (x: number | null) => (x === null ? '' : ` (pipeline = ${pct(x)})`);
  const micros = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
  return [
    '## Ratio to the limit',
    '',
    '| stage | events/s | CPU µs per event (process, all threads) | of which main thread |',
    '|---|---:|---:|---:|',
    `| pipeline end to end | **${int(r.throughput.eventsPerSecond)}** | ${micros(r.cpu.totalMicrosPerEvent)} | |`,
    `| producer (read, validate, privacy, produce) | ${int(r.throughput.producerEventsPerSecond)} | ${micros(r.cpu.producerMicrosPerEvent)} | ${micros(r.profiles.producer.mainThreadMicrosPerEvent)} |`,
    `| event store (fetch, validate, rows, insert, ClickHouse) | | ${micros(r.cpu.consumerMicrosPerEvent)} | ${micros(r.profiles.eventStore.mainThreadMicrosPerEvent)} |`,
    `| broker | | ${micros(r.cpu.brokerMicrosPerEvent)} | |`,
    `| Kafka ProducerPerformance, same broker and run | ${bp.producer ? int(bp.producer.recordsPerSecond) : 'n/a'}${share(bp.pipelineShareOfProducer)} | | |`,
    `| Kafka ConsumerPerformance, same broker and run | ${bp.consumer ? int(bp.consumer.recordsPerSecond) : 'n/a'}${share(bp.pipelineShareOfConsumer)} | | |`,
    '',
  ];
}

function profileSection(title: string, p: ProfileSummary): string[] {
  return [
    `### ${title}`,
    '',
    `Main thread ${p.mainThreadMicrosPerEvent === null ? 'n/a' : p.mainThreadMicrosPerEvent.toFixed(1)} µs of CPU per event (each function's share of the samples applied to it); profile \`${p.file.split('/').pop()}\` (open in Chrome DevTools).`,
    '',
    '| self time | µs per event | function | where |', '|---:|---:|---|---|',
    ...p.top.map((e) => `| ${pct(e.share)} | ${e.microsPerEvent.toFixed(2)} | \`${e.functionName}\` | ${e.where} |`),
    '',
  ];
}

export function renderMarkdown(r: BenchReport): string {
  const m = r.machine;
  const bp = r.brokerPerf;
  const lagPoints = r.lag.series.length > 24
    ? r.lag.series.filter((_, i) => i % Math.ceil(r.lag.series.length / 24) === 0)
    : r.lag.series;
  return [
    `# qunpulse benchmark — ${r.size}`,
    '',
    `Run ${r.startedAt}, ${r.durationSeconds.toFixed(0)} s. Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB, ${m.os}, Node ${m.node}. ` +
      `Load average at start ${m.loadAverageStart.map((x) => x.toFixed(2)).join(' / ')}, at end ${m.loadAverageEnd.map((x) => x.toFixed(2)).join(' / ')} (1/5/15 min; other work on the machine shares the cores).`,
    `Setup: Kafka ${r.setup.brokers} (single local broker, ${r.setup.partitions} partitions), client ${r.setup.kafkaClient}, warehouse ${r.setup.warehouse}; producer (the validating publisher, ${int(r.setup.produceBatch)}-record sends, ${r.setup.sendsInFlight} in flight) in the driver process, event store in its own process.`,
    `Workload: ${int(r.workload.events)} simulated events (${int(r.workload.groups)} groups, ${int(r.workload.members)} members, ${r.workload.avgRecordBytes.toFixed(0)} bytes per record on average).`,
    '',
    '## Headline',
    '',
    '| figure | value | target |',
    '|---|---:|---|',
    `| sustained end to end (producer → Kafka → event store → ClickHouse) | **${int(r.throughput.eventsPerSecond)} events/s** | ${r.throughput.targetEventsPerSecond ? `≥ ${int(r.throughput.targetEventsPerSecond)} at medium: ${yes(r.throughput.met)}` : 'no target at this size'} |`,
    `| producer alone (validate + produce, acks=all) | ${int(r.throughput.producerEventsPerSecond)} events/s | |`,
    `| freshness p50 / p99 at ${int(r.freshness.offeredPerSecond)} events/s offered | ${int(r.freshness.p50Ms)} ms / **${int(r.freshness.p99Ms)} ms** (max ${int(r.freshness.maxMs)}) | p99 < ${int(r.freshness.targetP99Ms)} ms: ${yes(r.freshness.met)} |`,
    `| consumer lag, maximum during the run | ${int(r.lag.max)} records | |`,
    `| RSS producer / consumer / broker (peak) | ${mib(r.rss.producerPeakBytes)} / ${mib(r.rss.consumerPeakBytes)} / ${mib(r.rss.brokerPeakBytes)} | consumer < 1 GiB: ${yes(r.rss.consumerMet)} |`,
    `| broker's own limit (ProducerPerformance / ConsumerPerformance) | ${bp.producer ? int(bp.producer.recordsPerSecond) : 'n/a'} / ${bp.consumer ? int(bp.consumer.recordsPerSecond) : 'n/a'} records/s | |`,
    `| pipeline as a share of the broker's producer / consumer limit | ${pct(bp.pipelineShareOfProducer)} / ${pct(bp.pipelineShareOfConsumer)} | |`,
    '',
    ...targetsSection(r),
    ...limitSection(r),
    '## Correctness',
    '',
    `Produced ${int(r.correctness.produced)}; stored rows ${int(r.correctness.rows)} (after merge ${int(r.correctness.finalRows)}, distinct ids ${int(r.correctness.distinctIds)}); ` +
      `dead-lettered ${int(r.correctness.rejected)}; lost ${int(r.correctness.lost)}; redelivered before merge ${int(r.correctness.duplicatesBeforeMerge)}. ` +
      `Every event stored exactly once: **${r.correctness.exactlyOnce ? 'yes' : 'NO'}**.`,
    '',
    '## Throughput',
    '',
    `${int(r.throughput.events)} events in ${r.throughput.seconds.toFixed(1)} s from the first produce to the last row stored; the producer finished after ${r.throughput.producerSeconds.toFixed(1)} s. ` +
      `The event store made ${int(r.throughput.inserts)} ClickHouse inserts (${int(r.throughput.rowsPerInsert)} rows each on average).`,
    '',
    '## CPU per event (throughput phase)',
    '',
    `Producer ${r.cpu.producerMicrosPerEvent.toFixed(1)} µs, consumer (event store + ClickHouse insert) ${r.cpu.consumerMicrosPerEvent.toFixed(1)} µs, ` +
      `broker ${r.cpu.brokerMicrosPerEvent === null ? 'n/a' : `${r.cpu.brokerMicrosPerEvent.toFixed(1)} µs`}: ${r.cpu.totalMicrosPerEvent.toFixed(1)} µs of CPU per event in all, ` +
      `so ${r.machine.cpus} cores could sustain at most ~${int(r.cpu.ceilingEventsPerSecond)} events/s with nothing else running.`,
    '',
    '## Where the time goes (main-thread CPU profiles, throughput phase)',
    '',
    ...profileSection('Producer', r.profiles.producer),
    ...profileSection('Event store', r.profiles.eventStore),
    '## Freshness',
    '',
    `${int(r.freshness.events)} events offered at ${int(r.freshness.offeredPerSecond)} events/s (target load ${int(r.freshness.targetOfferedPerSecond)}) for ${r.freshness.seconds.toFixed(1)} s. ` +
      `Freshness is the time from the producer stamping the record (header \`qunpulse-produced-at\`) to ClickHouse's insert time of its row (\`ingested_at\`), after which a query sees it; ${int(r.freshness.stored)} rows measured. Consumer lag reached ${int(r.freshness.maxLag)} records.`,
    '',
    '## Consumer lag over time (throughput phase, records)',
    '',
    '| second | lag |', '|---:|---:|',
    ...lagPoints.map((p) => `| ${p.s} | ${int(p.lag)} |`),
    '',
    '## Memory (peak RSS)',
    '',
    `- producer (driver) process: ${mib(r.rss.producerPeakBytes)} (the workload is simulated in a separate process beforehand)`,
    `- consumer (event store + embedded ClickHouse) process: ${mib(r.rss.consumerPeakBytes)} with ${int(r.workload.members)} members in the stream (throughput and freshness phases)${r.rss.consumerAtPeak ? `; at the peak ${mib(r.rss.consumerAtPeak.heapBytes)} V8 heap (${mib(r.rss.consumerAtPeak.heapUsedBytes)} of it in use), ${mib(r.rss.consumerAtPeak.externalBytes)} Buffers, the rest native (embedded ClickHouse, code)` : ''}`,
    `- the same process afterwards, recomputing KOLs over everything stored: ${mib(r.rss.kolPeakBytes)}`,
    `- broker (JVM): ${mib(r.rss.brokerPeakBytes)}${r.rss.brokerNote ? ` (${r.rss.brokerNote})` : ''}`,
    '',
    '## KOL recompute',
    '',
    ...kolSection(r.kol),
    '',
    '## Ingest API (HTTP → Kafka)',
    '',
    ...ingestSection(r.ingestApi),
    '',
    '## Broker perf tools (same jars, same broker, same run)',
    '',
    `${int(bp.records)} records of ${bp.recordBytes} bytes (the workload's average), acks=all.`,
    bp.producer ? `- ProducerPerformance: ${int(bp.producer.recordsPerSecond)} records/s (${bp.producer.mbPerSecond.toFixed(1)} MB/s), latency avg ${bp.producer.avgLatencyMs.toFixed(0)} ms, p99 ${bp.producer.p99LatencyMs} ms` : '- ProducerPerformance: not measured',
    bp.consumer ? `- ConsumerPerformance: ${int(bp.consumer.recordsPerSecond)} records/s (${bp.consumer.mbPerSecond.toFixed(1)} MB/s)` : '- ConsumerPerformance: not measured',
    bp.error ? `- error: ${bp.error}` : '',
    '',
    '## Kafka clients',
    '',
    '| client | events/s end to end | correct | kept | note |', '|---|---:|---|---|---|',
    ...r.kafkaClients.map((c) => `| ${c.name} | ${c.eventsPerSecond === null ? 'not measured' : int(c.eventsPerSecond)} | ${c.correct === null ? '—' : c.correct ? 'yes' : 'no'} | ${c.kept ? 'yes' : 'no'} | ${c.note} |`),
    '',
  ].join('\n');
}

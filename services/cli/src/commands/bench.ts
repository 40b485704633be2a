// `qunpulse bench`: drives the whole pipeline with simulated load and writes the report.
import path from 'node:path';
import { createLogger } from '@qunpulse/runtime';
import { UsageError, type Command } from '../command.js';
import { intOption, parse } from '../args.js';
import { runKernelBench } from '../bench/kernel-report.js';
import type { BenchReport } from '../bench/report.js';
import { runBench, SIZES, type BenchSize } from '../bench/run.js';
import { runHistoryCommand } from '../bench/history-command.js';
import { defaultDataDir, openKafka, readCliEnv } from '../runtime.js';

/** End to end beside Kafka's own perf tools in the same run. */
function ratioLine(r: BenchReport): string {
  const bp = r.brokerPerf;
  const side = (name: string, rate: { recordsPerSecond: number } | null, share: number | null) =>
    rate && share !== null ? `${(share * 100).toFixed(1)} % of ${name} (${Math.round(rate.recordsPerSecond).toLocaleString('en-US')} records/s)` : `${name} not measured`;
  return `ratio to the limit: ${side('ProducerPerformance', bp.producer, bp.pipelineShareOfProducer)}, ${side('ConsumerPerformance', bp.consumer, bp.pipelineShareOfConsumer)}` +
    (bp.error ? ` (${bp.error})` : '');
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Benchmark the pipeline end to end with simulated load; writes a JSON and a Markdown report',
  usage: `Usage: qunpulse bench [--size small|medium|large] [--out DIR]
       qunpulse bench --history [--events N,N,...] [--out DIR]
       qunpulse bench --kernels [--runs N] [--out DIR]

Produces simulated events through the validating publisher into Kafka while the event store (in its
own process) stores them in ClickHouse, and measures: events/s sustained end to end, freshness
(produced → visible in ClickHouse) p50/p99 at 10,000 events/s offered, consumer lag over time, RSS
of each process, KOL recompute time per group and for all groups, the ingest API at batch sizes
1/100/1000, and Kafka's own ProducerPerformance / ConsumerPerformance on the same broker, with the
pipeline's rate as a share of it.

  --size   small (${SIZES.small.events.toLocaleString('en-US')} events, CI smoke), medium (${SIZES.medium.events.toLocaleString('en-US')}), large (${SIZES.large.events.toLocaleString('en-US')}); default small
  --out    report directory (default .qunpulse/bench); files <size>-<time>.json and .md

Uses KAFKA_BROKERS when set, else the local broker; CLICKHOUSE_URL when set, else embedded ClickHouse.
Topics live in their own namespace and are deleted afterwards.

--history measures the live analytics as the store grows (default 1,000,000, 10,000,000 and
30,000,000 events of a simulated community copied into embedded ClickHouse): one touched group's
recompute p50/p95 and the rows it reads, the daily judgement of every group, bytes per event and
peak RSS.
  --kernels  instead: the KOL graph kernels (build, PageRank, betweenness, coreness, in-degree,
             components, departure, reciprocity) and the whole KOL step on heavy-tailed graphs of
             500/5k to 50,000/500k members/edges, each beside python-igraph on the same edge list
             (apt-get install -y python3-igraph; the output says so when it is missing); no Kafka needed
  --runs     kernel runs per figure, the median is reported (default 5)`,
  async run(args) {
    const { values } = parse(args, {
      size: { type: 'string' }, out: { type: 'string' }, kernels: { type: 'boolean' }, runs: { type: 'string' },
      history: { type: 'boolean' }, events: { type: 'string' },
    }, false);
    if (values.history) return runHistoryCommand(values.out, values.events);
    if (values.events) throw new UsageError('--events goes with --history');
    if (values.kernels) {
      if (values.size !== undefined) throw new UsageError('--size is for the pipeline benchmark; --kernels always runs its four graph sizes');
      return runKernelBench(values.out, intOption(values.runs, 'runs', 5, 1));
    }
    if (values.runs !== undefined) throw new UsageError('--runs goes with --kernels');
    const size = (values.size ?? 'small') as BenchSize;
    if (!(size in SIZES)) throw new UsageError(`--size must be one of ${Object.keys(SIZES).join(', ')}, got ${JSON.stringify(values.size)}`);
    const env = readCliEnv();
    const log = createLogger('bench', env.LOG_LEVEL);
    const dataDir = defaultDataDir(env);
    const { bus, broker } = await openKafka(env, dataDir, log);
    await bus.close();
    try {
      const outDir = path.resolve(values.out ?? path.join(dataDir, 'bench'));
      const outcome = await runBench({
        size, brokers: bus.settings.brokers, outDir, workDir: path.join(dataDir, 'bench-work', String(process.pid)),
        warehouseKind: env.CLICKHOUSE_URL ? `ClickHouse server ${env.CLICKHOUSE_URL}` : 'embedded ClickHouse (chdb)',
        say: (line) => process.stderr.write(`${line}\n`),
      });
      const r = outcome.report;
      process.stdout.write([
        '',
        `end to end: ${Math.round(r.throughput.eventsPerSecond).toLocaleString('en-US')} events/s; freshness p99 ${Math.round(r.freshness.p99Ms)} ms; ` +
          `exactly once: ${r.correctness.exactlyOnce ? 'yes' : 'NO'}`,
        ratioLine(r),
        `CPU per event: producer ${r.cpu.producerMicrosPerEvent.toFixed(1)} µs, event store ${r.cpu.consumerMicrosPerEvent.toFixed(1)} µs, ` +
          `broker ${r.cpu.brokerMicrosPerEvent === null ? 'n/a' : `${r.cpu.brokerMicrosPerEvent.toFixed(1)} µs`} ` +
          `(load average ${r.machine.loadAverageStart[0]!.toFixed(1)} at the start on ${r.machine.cpus} cores)`,
        `report: ${outcome.markdownFile}`,
        `        ${outcome.jsonFile}`,
        '',
      ].join('\n'));
      return r.correctness.exactlyOnce ? 0 : 1;
    } finally {
      if (broker?.started) await broker.stop();
    }
  },
};

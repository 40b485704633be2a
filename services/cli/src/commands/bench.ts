// `qunpulse bench`: drives the whole pipeline with simulated load and writes the report.
import path from 'node:path';
import { createLogger } from '@qunpulse/runtime';
import { UsageError, type Command } from '../command.js';
import { parse } from '../args.js';
import { runBench, SIZES, type BenchSize } from '../bench/run.js';
import { runHistoryCommand } from '../bench/history-command.js';
import { defaultDataDir, openKafka, readCliEnv } from '../runtime.js';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Benchmark the pipeline end to end with simulated load; writes a JSON and a Markdown report',
  usage: `Usage: qunpulse bench [--size small|medium|large] [--out DIR]
       qunpulse bench --history [--events N,N,...] [--out DIR]

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
peak RSS.`,
  async run(args) {
    const { values } = parse(args, { size: { type: 'string' }, out: { type: 'string' }, history: { type: 'boolean' }, events: { type: 'string' } }, false);
    if (values.history) return runHistoryCommand(values.out, values.events);
    if (values.events) throw new UsageError('--events goes with --history');
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

// Runs a consumer definition on the bus: the eachBatch loop, the contract, the handler with retries,
// dead letters, commit after the handler's durable write, metrics, and an ordered stop.
import { HEADERS } from '@qunpulse/contracts';
import { deadLetterRecord, type Batch, type BatchConsumer, type KafkaBus } from '@qunpulse/kafka';
import { createLogger, type Logger } from '@qunpulse/runtime';
import { Registry } from 'prom-client';
import { decodeRecords, type DeadRecord } from './decode.js';
import type { ConsumerDefinition, Item } from './define.js';
import { consumerMetrics } from './metrics.js';
import { ProgressWatch, type ProgressHealth } from './progress.js';
import { logRetry, settle } from './settle.js';

export interface RunOptions {
  bus: KafkaBus;
  /** Default: pino JSON on stderr named after the consumer, at LOG_LEVEL (default info). */
  log?: Logger;
  /** Prometheus registry the consumer's metrics go to (default: its own). */
  registry?: Registry;
  /** Overrides the definition's consumer group (tests, one-shot runs). */
  groupId?: string;
  /** Dead-letter topic (default: the bus's `chatEvents` dead-letter topic). */
  deadLetterTopic?: string;
  /** Records waiting this long with nothing settled make the consumer report itself stalled (default 120 s). */
  stallAfterMs?: number;
  /** Told after each batch is settled and dead letters are sent, before its offsets are committed. */
  onBatch?: (info: BatchReport) => void;
}

export interface BatchReport {
  topic: string;
  partition: number;
  /** Items the handler settled as ok, in offset order. */
  ok: Item<unknown>[];
  dropped: number;
  deadLettered: number;
  /** Kafka timestamp (epoch ms) of the batch's last record. */
  through: number;
}

export interface ConsumerStats {
  ok: number;
  dropped: number;
  deadLettered: number;
  batches: number;
  retries: number;
}

export interface RunningConsumer {
  readonly name: string;
  readonly stats: ConsumerStats;
  readonly registry: Registry;
  readonly consumer: BatchConsumer;
  health(): ProgressHealth;
  /** Stops fetching, lets the batch in hand settle and commit, then closes the dead-letter producer. */
  stop(): Promise<void>;
}

export async function runConsumer<T>(def: ConsumerDefinition<T>, opts: RunOptions): Promise<RunningConsumer> {
  const { bus } = opts;
  const log = (opts.log ?? createLogger(def.name)).child({ consumer: def.name });
  const registry = opts.registry ?? new Registry();
  const metrics = consumerMetrics(registry);
  const progress = new ProgressWatch(opts.stallAfterMs ?? 120_000);
  metrics.watch(def.name, () => progress.health());
  const stats: ConsumerStats = { ok: 0, dropped: 0, deadLettered: 0, batches: 0, retries: 0 };
  const topic = bus.topics[def.topic ?? 'chatEvents'];
  const deadLetterTopic = opts.deadLetterTopic ?? bus.topics.deadLetter;
  const dlqProducer = await bus.producer({ idempotent: true });
  const consumer = await bus.consumer({ groupId: opts.groupId ?? def.groupId ?? def.name, topics: [topic] });

  async function onBatch(batch: Batch): Promise<void> {
    progress.begin();
    const started = performance.now();
    const { items, dead } = decodeRecords(def.contract, batch.records, Date.now());
    const ctx = { topic: batch.topic, partition: batch.partition, log, heartbeat: batch.heartbeat, isStopping: batch.isStopping };
    const outcomes = await settle(def, items, ctx, {
      onRetry: (reason, attempt, waitMs) => {
        stats.retries++;
        metrics.retries.inc({ consumer: def.name });
        logRetry(log, batch.partition)(reason, attempt, waitMs);
      },
    });
    const ok: Item<T>[] = [];
    let dropped = 0;
    const refused: DeadRecord[] = [];
    outcomes.forEach((o, i) => {
      if (o.kind === 'ok') ok.push(items[i]!);
      else if (o.kind === 'drop') dropped++;
      else refused.push({ record: items[i]!.record, step: o.step, reason: o.reason });
    });
    const allDead = [...dead, ...refused];
    if (allDead.length) {
      await dlqProducer.send(deadLetterTopic, allDead.map((d) => deadLetterRecord({
        value: d.record.value ?? '', key: d.record.key, reason: d.reason, step: d.step,
        headers: { ...d.record.headers, [HEADERS.dlqConsumer]: def.name },
        origin: `${d.record.topic}/${d.record.partition}/${d.record.offset}`,
      })));
      log.warn({ deadLettered: allDead.length, first: allDead[0]!.reason }, 'dead-lettered records');
    }
    stats.ok += ok.length;
    stats.dropped += dropped;
    stats.deadLettered += allDead.length;
    stats.batches++;
    metrics.records.inc({ consumer: def.name, outcome: 'ok' }, ok.length);
    metrics.records.inc({ consumer: def.name, outcome: 'drop' }, dropped);
    metrics.records.inc({ consumer: def.name, outcome: 'dlq' }, allDead.length);
    metrics.batches.inc({ consumer: def.name });
    metrics.batchSeconds.observe({ consumer: def.name }, (performance.now() - started) / 1000);
    const last = batch.records[batch.records.length - 1];
    if (last) {
      metrics.lag.set({ consumer: def.name, topic: batch.topic, partition: String(batch.partition) },
        Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1));
    }
    progress.done();
    opts.onBatch?.({
      topic: batch.topic, partition: batch.partition, ok, dropped, deadLettered: allDead.length,
      through: Number(last?.timestamp ?? 0),
    });
  }

  await consumer.run(onBatch);
  log.info({ topic, deadLetterTopic }, 'consuming');
  return {
    name: def.name,
    stats,
    registry,
    consumer,
    health: () => progress.health(),
    async stop() {
      // Order matters: the batch in hand settles and commits before its dead-letter producer closes.
      await consumer.stop();
      await dlqProducer.close();
      log.info('stopped');
    },
  };
}

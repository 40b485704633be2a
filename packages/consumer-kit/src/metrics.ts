// Prometheus metrics of every consumer in a registry, labelled by consumer: what became of the
// records, batches, retries, time per batch, lag behind the partition's end, and readiness.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProgressHealth } from './progress.js';

export interface ConsumerMetrics {
  records: Counter<'consumer' | 'outcome'>;
  batches: Counter<'consumer'>;
  retries: Counter<'consumer'>;
  batchSeconds: Histogram<'consumer'>;
  lag: Gauge<'consumer' | 'topic' | 'partition'>;
  /** Reports a consumer's readiness and waiting time on every scrape. */
  watch(consumer: string, health: () => ProgressHealth): void;
}

// Metrics are registered once per registry; consumers sharing one are told apart by their label.
const byRegistry = new WeakMap<Registry, ConsumerMetrics>();

export function consumerMetrics(registry: Registry): ConsumerMetrics {
  const known = byRegistry.get(registry);
  if (known) return known;
  const watched = new Map<string, () => ProgressHealth>();
  const registers = [registry];
  const m: ConsumerMetrics = {
    records: new Counter({ name: 'qunpulse_consumer_records_total', help: 'Records settled by a consumer, by outcome (ok, drop, dlq).', labelNames: ['consumer', 'outcome'] as const, registers }),
    batches: new Counter({ name: 'qunpulse_consumer_batches_total', help: 'Batches handled and committed.', labelNames: ['consumer'] as const, registers }),
    retries: new Counter({ name: 'qunpulse_consumer_retries_total', help: 'Times a batch handler asked to retry records after a backoff.', labelNames: ['consumer'] as const, registers }),
    batchSeconds: new Histogram({
      name: 'qunpulse_consumer_batch_seconds', help: 'Time from a batch arriving to its offsets being ready to commit.', labelNames: ['consumer'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers,
    }),
    lag: new Gauge({ name: 'qunpulse_consumer_lag_records', help: 'Records in the partition after the last batch handled.', labelNames: ['consumer', 'topic', 'partition'] as const, registers }),
    watch(consumer, health) { watched.set(consumer, health); },
  };
  new Gauge({
    name: 'qunpulse_consumer_ready', help: 'Whether a consumer is making progress (1) or stalled with records waiting (0).', labelNames: ['consumer'] as const, registers,
    collect() { for (const [c, h] of watched) this.set({ consumer: c }, h().ready ? 1 : 0); },
  });
  byRegistry.set(registry, m);
  return m;
}

// The in-process pipeline used by `run`, `analyze` and `demo`: the event store consuming
// chat-events into the warehouse, and the analytics worker recomputing the groups it touched.
import { AnalyticsWorker, type RecomputeStep } from '@qunpulse/analytics-worker';
import { startEventStore, type EventStore } from '@qunpulse/event-store';
import { Registry } from '@qunpulse/consumer-kit';
import type { KafkaBus } from '@qunpulse/kafka';
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';

export interface Pipeline {
  eventStore: EventStore;
  worker: AnalyticsWorker;
  /** The consumers' metrics (the event store's, and the extensions' when given to them). */
  metrics: Registry;
  /** Resolves when the event store has stored every record produced so far. */
  waitUntilStored(timeoutMs?: number, onLag?: (lag: number) => void): Promise<void>;
  stop(): Promise<void>;
}

export async function startPipeline(deps: {
  bus: KafkaBus; warehouse: Warehouse; log: Logger; intervalMs: number; clock: 'wall' | 'data'; consumerGroup?: string;
  steps?: RecomputeStep[];
  /** Where the consumers' metrics go (default: a registry of the pipeline's own). */
  metrics?: Registry;
  /** See EVENT_STORE_STALL_AFTER_MS. */
  stallAfterMs?: number;
}): Promise<Pipeline> {
  // Kafka timestamp of the last stored record, per partition.
  const storedThrough = new Map<number, number>();
  const metrics = deps.metrics ?? new Registry();
  let eventStore: EventStore | undefined;
  const worker = new AnalyticsWorker({
    warehouse: deps.warehouse, log: deps.log, intervalMs: deps.intervalMs, clock: deps.clock, ...(deps.steps ? { steps: deps.steps } : {}),
    // A day is judged once its events are stored: every partition is either drained or (on the
    // wall clock) stored past the day's end. Replays of history wait for the backlog to drain.
    caughtUp: async (through) => {
      if (!eventStore) return false;
      const lag = await eventStore.consumer.lag();
      return lag.every((p) => p.lag <= 0 || (deps.clock === 'wall' && (storedThrough.get(p.partition) ?? 0) > through));
    },
  });
  eventStore = await startEventStore({
    bus: deps.bus, warehouse: deps.warehouse, log: deps.log,
    ...(deps.consumerGroup ? { groupId: deps.consumerGroup } : {}),
    ...(deps.stallAfterMs !== undefined ? { stallAfterMs: deps.stallAfterMs } : {}),
    registry: metrics,
    onStored: ({ groups, partition, storedThrough: t }) => {
      worker.touch(groups);
      storedThrough.set(partition, Math.max(storedThrough.get(partition) ?? 0, t));
    },
  });
  worker.start();
  const store = eventStore;
  return {
    eventStore: store,
    worker,
    metrics,
    async waitUntilStored(timeoutMs = 600_000, onLag) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const lag = (await store.consumer.lag()).reduce((s, p) => s + Math.max(0, p.lag), 0);
        onLag?.(lag);
        if (lag === 0) return;
        if (Date.now() > deadline) throw new Error(`the event store still lags ${lag} records after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      // Stop consuming (commits what is stored), then let a running recompute finish.
      await store.stop();
      await worker.stop();
    },
  };
}

// The raw-events consumer: reads chat-events with eachBatch, writes each batch to ClickHouse in one
// insert, dead-letters invalid records and the records the warehouse refuses, and only then lets the
// wrapper commit the offsets. A warehouse that is down is waited for, never blamed on the records.
import { deadLetterRecord, type Batch, type BatchConsumer, type InRecord, type KafkaBus, type Producer } from '@qunpulse/kafka';
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { unstoredRows } from './new-only.js';
import { processBatch } from './process-batch.js';
import type { ChatEventRow } from './row.js';
import { ProgressWatch, type ProgressHealth } from './progress.js';
import { storeRows, WarehouseUnavailable, type RefusedRow } from './store-rows.js';

export interface EventStoreDeps {
  bus: KafkaBus;
  warehouse: Warehouse;
  log: Logger;
  groupId?: string;
  /** Records waiting this long with nothing stored make the store report itself stalled (default 120 s). */
  stallAfterMs?: number;
  /**
   * Called after each stored batch with the groups it touched (for incremental analytics), its
   * partition and the Kafka timestamp of its last record (what the partition is stored through).
   */
  onStored?: (info: { groups: Set<string>; rows: number; rejected: number; partition: number; storedThrough: number }) => void;
}

export interface EventStoreStats {
  stored: number;
  rejected: number;
  batches: number;
  /** Inserts retried because the warehouse was unavailable. */
  insertRetries: number;
}

export interface EventStore {
  stats: EventStoreStats;
  consumer: BatchConsumer;
  /** Whether the consumer is making progress; served by /readyz and /metrics. */
  health(): ProgressHealth;
  stop(): Promise<void>;
}

export const EVENT_STORE_GROUP = 'qunpulse-event-store';

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 5_000;

interface DeadRecord { record: InRecord; reason: string; step: string }

export async function startEventStore(deps: EventStoreDeps): Promise<EventStore> {
  const { bus, warehouse, log } = deps;
  const stats: EventStoreStats = { stored: 0, rejected: 0, batches: 0, insertRetries: 0 };
  const progress = new ProgressWatch(deps.stallAfterMs ?? 120_000);
  const dlqProducer: Producer = await bus.producer({ idempotent: true });
  const consumer = await bus.consumer({ groupId: deps.groupId ?? EVENT_STORE_GROUP, topics: [bus.topics.chatEvents] });

  /**
   * Stores the rows the warehouse does not hold yet, waiting out an unavailable warehouse; returns
   * those rows and which of them it refused.
   */
  async function store(batch: Batch, rows: readonly ChatEventRow[]): Promise<{ fresh: ChatEventRow[]; refused: RefusedRow[] }> {
    for (let attempt = 0; ; attempt++) {
      try {
        // A failed look-up says nothing about the records: it is waited out like a failed insert.
        const fresh = await unstoredRows(warehouse, rows).catch((err: unknown) => {
          throw new WarehouseUnavailable(err instanceof Error ? err.message : String(err), { cause: err });
        });
        return { fresh, refused: await storeRows(warehouse, 'chat_events', fresh, () => batch.heartbeat()) };
      } catch (err) {
        // Leaving the batch uncommitted on stop is safe: it is fetched again after the restart.
        if (!(err instanceof WarehouseUnavailable) || batch.isStopping()) throw err;
        stats.insertRetries++;
        const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(attempt, 10));
        log.warn({ err: err.message, attempt, waitMs: wait, partition: batch.partition }, 'warehouse unavailable; retrying the batch');
        await new Promise((r) => setTimeout(r, wait));
        await batch.heartbeat();
      }
    }
  }

  await consumer.run(async (batch) => {
    progress.begin();
    const processed = processBatch(batch.records);
    const { fresh, refused } = await store(batch, processed.rows);
    const sourceOf = new Map(processed.rows.map((row, i) => [row, processed.sources[i]!]));
    const dead: DeadRecord[] = [...processed.rejected, ...refused.map((r) => ({
      record: sourceOf.get(fresh[r.index]!)!, reason: `warehouse refused the record: ${r.reason}`, step: 'store',
    }))];
    if (dead.length) {
      await dlqProducer.send(bus.topics.deadLetter, dead.map((r) => deadLetterRecord({
        value: r.record.value ?? '', key: r.record.key, reason: r.reason, step: r.step, headers: r.record.headers,
        origin: `${r.record.topic}/${r.record.partition}/${r.record.offset}`,
      })));
    }
    stats.stored += processed.rows.length - refused.length;
    stats.rejected += dead.length;
    stats.batches += 1;
    if (processed.rejected.length) log.warn({ rejected: processed.rejected.length, first: processed.rejected[0]!.reason }, 'dead-lettered invalid records');
    if (refused.length) log.warn({ refused: refused.length, first: refused[0]!.reason }, 'dead-lettered records the warehouse refused');
    progress.done();
    const refusedRows = new Set(refused.map((r) => fresh[r.index]!));
    const kept = fresh.filter((row) => !refusedRows.has(row));
    deps.onStored?.({
      groups: new Set(kept.map((r) => `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}`)), rows: kept.length, rejected: dead.length,
      partition: batch.partition, storedThrough: Number(batch.records[batch.records.length - 1]?.timestamp ?? 0),
    });
  });
  log.info({ topic: bus.topics.chatEvents }, 'event store consuming');
  return {
    stats,
    consumer,
    health: () => progress.health(),
    async stop() {
      // Order matters: stop consuming (commits the batch in hand), then close the DLQ producer.
      await consumer.stop();
      await dlqProducer.close();
    },
  };
}

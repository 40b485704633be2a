// The raw-events consumer: reads chat-events with eachBatch, writes each batch to ClickHouse in one
// insert, dead-letters invalid records, and only then lets the wrapper commit the offsets.
import { deadLetterRecord, type BatchConsumer, type KafkaBus, type Producer } from '@qunpulse/kafka';
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { unstoredRows } from './new-only.js';
import { processBatch } from './process-batch.js';

export interface EventStoreDeps {
  bus: KafkaBus;
  warehouse: Warehouse;
  log: Logger;
  groupId?: string;
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
}

export interface EventStore {
  stats: EventStoreStats;
  consumer: BatchConsumer;
  stop(): Promise<void>;
}

export const EVENT_STORE_GROUP = 'qunpulse-event-store';

export async function startEventStore(deps: EventStoreDeps): Promise<EventStore> {
  const { bus, warehouse, log } = deps;
  const stats: EventStoreStats = { stored: 0, rejected: 0, batches: 0 };
  const dlqProducer: Producer = await bus.producer({ idempotent: true });
  const consumer = await bus.consumer({ groupId: deps.groupId ?? EVENT_STORE_GROUP, topics: [bus.topics.chatEvents] });
  await consumer.run(async (batch) => {
    const processed = processBatch(batch.records);
    const fresh = await unstoredRows(warehouse, processed.rows);
    if (fresh.length) await warehouse.insert('chat_events', fresh);
    if (processed.rejected.length) {
      await dlqProducer.send(bus.topics.deadLetter, processed.rejected.map((r) => deadLetterRecord({
        value: r.record.value ?? '', key: r.record.key, reason: r.reason, step: r.step, headers: r.record.headers,
        origin: `${r.record.topic}/${r.record.partition}/${r.record.offset}`,
      })));
    }
    stats.stored += processed.rows.length;
    stats.rejected += processed.rejected.length;
    stats.batches += 1;
    if (processed.rejected.length) log.warn({ rejected: processed.rejected.length, first: processed.rejected[0]!.reason }, 'dead-lettered invalid records');
    deps.onStored?.({
      groups: new Set(fresh.map((r) => `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}`)), rows: fresh.length, rejected: processed.rejected.length,
      partition: batch.partition, storedThrough: Number(batch.records[batch.records.length - 1]?.timestamp ?? 0),
    });
  });
  log.info({ topic: bus.topics.chatEvents }, 'event store consuming');
  return {
    stats,
    consumer,
    async stop() {
      // Order matters: stop consuming (commits the batch in hand), then close the DLQ producer.
      await consumer.stop();
      await dlqProducer.close();
    },
  };
}

// The raw-events consumer, on the consumer kit: every valid chat event is written to ClickHouse in
// one insert per batch; the kit dead-letters invalid records and the records the warehouse refuses,
// and commits the offsets only then. A warehouse that is down is waited for, never blamed on the records.
import {
  chatEventContract, defineConsumer, dlq, ok, retry, runConsumer, type Outcome, type ProgressHealth, type Registry, type RunningConsumer,
} from '@qunpulse/consumer-kit';
import type { ChatEvent } from '@qunpulse/contracts';
import type { BatchConsumer, KafkaBus } from '@qunpulse/kafka';
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { withoutErasedMembers } from './erased-members.js';
import { unstoredRows } from './new-only.js';
import { rowMetaOf } from './row-meta.js';
import { toRow, type ChatEventRow } from './row.js';
import { storeRows, WarehouseUnavailable } from './store-rows.js';

export interface EventStoreDeps {
  bus: KafkaBus;
  warehouse: Warehouse;
  log: Logger;
  groupId?: string;
  /** Records waiting this long with nothing stored make the store report itself stalled (default 120 s). */
  stallAfterMs?: number;
  /** Prometheus registry for the consumer's metrics (default: its own). */
  registry?: Registry;
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
  /** Events dropped because their tenant erased their member. */
  erased: number;
}

export interface EventStore {
  stats: EventStoreStats;
  consumer: BatchConsumer;
  /** Whether the consumer is making progress; served by /readyz and /metrics. */
  health(): ProgressHealth;
  /** Its metrics (records by outcome, batches, retries, lag, readiness). */
  registry: Registry;
  stop(): Promise<void>;
}

export const EVENT_STORE_GROUP = 'qunpulse-event-store';

const groupOf = (r: ChatEventRow) => `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}`;

export async function startEventStore(deps: EventStoreDeps): Promise<EventStore> {
  const { bus, warehouse } = deps;
  // What each partition's last batch newly stored: events the store already held touch no group,
  // so a replay recomputes nothing.
  const stored = new Map<number, { groups: Set<string>; rows: number }>();
  let erased = 0;

  const definition = defineConsumer<ChatEvent>({
    name: 'event-store',
    groupId: EVENT_STORE_GROUP,
    contract: chatEventContract,
    async handle(items, ctx): Promise<Outcome[]> {
      const rows = items.map((i) => toRow(i.value, rowMetaOf(i.record)));
      let fresh: ChatEventRow[];
      let refused: Awaited<ReturnType<typeof storeRows>>;
      try {
        // A failed look-up says nothing about the records: it is waited out like a failed insert.
        const lookUp = <T>(p: Promise<T>) => p.catch((err: unknown) => {
          throw new WarehouseUnavailable(err instanceof Error ? err.message : String(err), { cause: err });
        });
        // An erased member's events are dropped (they count as handled): a replay must not bring them back.
        const { kept: wanted, dropped } = await lookUp(withoutErasedMembers(warehouse, rows));
        fresh = await lookUp(unstoredRows(warehouse, wanted));
        refused = await storeRows(warehouse, 'chat_events', fresh, ctx.heartbeat);
        erased += dropped;
      } catch (err) {
        if (!(err instanceof WarehouseUnavailable)) throw err;
        return items.map(() => retry(err.message));
      }
      const reasons = new Map(refused.map((r) => [fresh[r.index]!, r.reason]));
      const kept = fresh.filter((row) => !reasons.has(row));
      stored.set(ctx.partition, { groups: new Set(kept.map(groupOf)), rows: kept.length });
      // A row the store already held is stored: it counts as ok, and touches nothing.
      return rows.map((row) => {
        const reason = reasons.get(row);
        return reason === undefined ? ok() : dlq('store', `warehouse refused the record: ${reason}`);
      });
    },
  });

  const running: RunningConsumer = await runConsumer(definition, {
    bus, log: deps.log,
    ...(deps.groupId ? { groupId: deps.groupId } : {}),
    ...(deps.stallAfterMs !== undefined ? { stallAfterMs: deps.stallAfterMs } : {}),
    ...(deps.registry ? { registry: deps.registry } : {}),
    onBatch: (b) => {
      const fresh = stored.get(b.partition) ?? { groups: new Set<string>(), rows: 0 };
      stored.delete(b.partition);
      deps.onStored?.({ ...fresh, rejected: b.deadLettered, partition: b.partition, storedThrough: b.through });
    },
  });
  const s = running.stats;
  return {
    stats: {
      get stored() { return s.ok; },
      get rejected() { return s.deadLettered; },
      get batches() { return s.batches; },
      get insertRetries() { return s.retries; },
      get erased() { return erased; },
    },
    consumer: running.consumer,
    registry: running.registry,
    health: () => running.health(),
    stop: () => running.stop(),
  };
}

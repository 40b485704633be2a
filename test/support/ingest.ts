// Starts the ingest API for a test on the real broker, with a real event store writing into a real
// embedded warehouse, and reads topics back.
import { randomBytes } from 'node:crypto';
import { startEventStore, type EventStore } from '@qunpulse/event-store';
import { hashToken, createIngestServer, TenantDirectory, type IngestLimits, type IngestServer, type TenantRoutes } from '@qunpulse/ingest-api';
import type { InRecord, KafkaBus, Producer } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { testBus, testWarehouse, uniqueName, waitFor } from './kit.js';

export interface IngestHarness {
  bus: KafkaBus;
  warehouse: Warehouse;
  store: EventStore;
  producer: Producer;
  api: IngestServer;
  url: string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface HarnessOptions {
  limits?: Partial<IngestLimits>;
  producer?: (p: Producer) => Producer;
  /** Wraps the real warehouse the event store writes to (to refuse or fail inserts on purpose). */
  storeWarehouse?: (w: Warehouse) => Warehouse;
  stallAfterMs?: number;
  /** Read routes served beside the events, on the harness's warehouse. */
  tenantRoutes?: (w: Warehouse) => TenantRoutes;
}

export async function startIngestHarness(tenants: unknown, opts: HarnessOptions = {}): Promise<IngestHarness> {
  const bus = await testBus('ingest');
  const warehouse = await testWarehouse();
  const store = await startEventStore({
    bus, warehouse: opts.storeWarehouse ? opts.storeWarehouse(warehouse) : warehouse, log: silentLogger(), groupId: uniqueName('store'),
    ...(opts.stallAfterMs !== undefined ? { stallAfterMs: opts.stallAfterMs } : {}),
  });
  const real = await bus.producer({ idempotent: true });
  const producer = opts.producer ? opts.producer(real) : real;
  const api = createIngestServer({
    bus, producer, tenants: TenantDirectory.parse(tenants), ...(opts.limits ? { limits: opts.limits } : {}),
    components: [{ name: 'event-store', health: () => store.health() }], registries: [store.registry],
    ...(opts.tenantRoutes ? { tenantRoutes: opts.tenantRoutes(warehouse) } : {}),
  });
  const { url } = await api.listen(0, '127.0.0.1');
  return {
    bus, warehouse, store, producer, api, url,
    async close() {
      await api.close();
      await store.stop();
      await bus.close();
      await warehouse.close();
    },
  };
}

export { hashToken };

export async function storedCount(wh: Warehouse, where = '1'): Promise<number> {
  const rows = await wh.query<{ n: number }>(`SELECT count() AS n FROM chat_events FINAL WHERE ${where}`);
  return Number(rows[0]!.n);
}

/** Reads a topic from the beginning until `expected` records arrived (or times out). */
export async function readTopic(bus: KafkaBus, topic: string, expected: number, timeoutMs = 60_000): Promise<InRecord[]> {
  const consumer = await bus.consumer({ groupId: uniqueName('reader'), topics: [topic] });
  const seen: InRecord[] = [];
  await consumer.run(async (batch) => { seen.push(...batch.records); });
  try {
    await waitFor(async () => seen.length >= expected, `${expected} records on ${topic}`, timeoutMs);
  } finally {
    await consumer.stop();
  }
  return seen;
}

export async function waitStored(wh: Warehouse, expected: number, where = '1'): Promise<void> {
  await waitFor(async () => (await storedCount(wh, where)) >= expected, `${expected} rows in chat_events`, 90_000);
}

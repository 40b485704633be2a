// The benchmark's consumer process: the real event store (Kafka → ClickHouse) in a process of its
// own, reporting what it stored, its lag and its memory, and answering the driver's queries.
import { KafkaBus } from '@qunpulse/kafka';
import { startEventStore, type EventStore } from '@qunpulse/event-store';
import { silentLogger } from '@qunpulse/runtime';
import { openWarehouse, type Warehouse } from '@qunpulse/warehouse';
import { readCliEnv } from '../runtime.js';
import { PhaseProfiler } from './profile.js';
import type { ConsumerStart, Correctness, Freshness, FromConsumer, ToConsumer } from './protocol.js';

function send(msg: FromConsumer): void {
  // A lag sample may complete after the driver has disconnected; it has nobody to go to then.
  if (process.connected) process.send?.(msg);
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

let store: EventStore | undefined;
let warehouse: Warehouse | undefined;
let sampler: NodeJS.Timeout | undefined;
let profiler: PhaseProfiler | undefined;

async function start(msg: ConsumerStart): Promise<void> {
  const env = { ...readCliEnv(), QUNPULSE_DATA_DIR: undefined };
  warehouse = await openWarehouse(env, msg.dataDir);
  const bus = new KafkaBus({ brokers: msg.brokers, clientId: msg.clientId, namespace: msg.namespace }, silentLogger());
  store = await startEventStore({
    bus, warehouse, log: silentLogger(), groupId: msg.groupId,
    onStored: () => send({ type: 'stored', stored: store?.stats.stored ?? 0, rejected: store?.stats.rejected ?? 0, batches: store?.stats.batches ?? 0, at: Date.now(), cpuMicros: cpuMicros() }),
  });
  const consumer = store.consumer;
  let sampling = false;
  sampler = setInterval(() => {
    if (sampling) return;
    sampling = true;
    consumer.lag()
      .then((parts) => parts.reduce((s, p) => s + Math.max(0, p.lag), 0), () => -1)
      .then((lag) => {
        const m = process.memoryUsage();
        send({ type: 'sample', at: Date.now(), rssBytes: m.rss, heapBytes: m.heapTotal, heapUsedBytes: m.heapUsed, externalBytes: m.external, lag, cpuMicros: cpuMicros() });
      })
      .finally(() => { sampling = false; });
  }, 1_000);
  send({ type: 'ready', pid: process.pid });
}

async function correctness(tenantId: string): Promise<Correctness> {
  const [raw] = await warehouse!.query<{ rows: number; ids: number }>(
    'SELECT count() AS rows, uniqExact(platform, group_id, event_id) AS ids FROM chat_events WHERE tenant_id = {t:String}', { t: tenantId });
  const [fin] = await warehouse!.query<{ rows: number }>('SELECT count() AS rows FROM chat_events FINAL WHERE tenant_id = {t:String}', { t: tenantId });
  return { rows: Number(raw!.rows), finalRows: Number(fin!.rows), distinctIds: Number(raw!.ids) };
}

/** Produced (the producer's header) → stored (the insert's server time, when the row became visible). */
async function freshness(tenantId: string): Promise<Freshness> {
  const [r] = await warehouse!.query<{ n: number; p50: number; p99: number; mx: number }>(`
    SELECT count() AS n, quantileExact(0.5)(d) AS p50, quantileExact(0.99)(d) AS p99, max(d) AS mx
    FROM (SELECT toUnixTimestamp64Milli(ingested_at) - toUnixTimestamp64Milli(produced_at) AS d FROM chat_events WHERE tenant_id = {t:String})`,
  { t: tenantId });
  return { count: Number(r!.n), p50Ms: Number(r!.p50), p99Ms: Number(r!.p99), maxMs: Number(r!.mx) };
}

async function stop(): Promise<void> {
  if (sampler) clearInterval(sampler);
  await store?.stop();
  await warehouse?.close();
  process.disconnect?.();
}

process.on('message', (msg: ToConsumer) => {
  const run = async () => {
    switch (msg.type) {
      case 'start': return start(msg);
      case 'query': {
        const value = msg.name === 'correctness' ? await correctness(msg.tenantId) : await freshness(msg.tenantId);
        return send({ type: 'result', id: msg.id, value });
      }
      case 'kol': {
        const { benchKol } = await import('./kol.js');
        return send({ type: 'result', id: msg.id, value: await benchKol({ warehouse: warehouse!, asOf: msg.asOf, sizes: msg.sizes, runs: msg.runs }) });
      }
      case 'profile': {
        if (msg.action === 'start') {
          profiler = await PhaseProfiler.start();
          return send({ type: 'result', id: msg.id, value: null });
        }
        const summary = await profiler!.stop(msg.file, msg.events);
        profiler = undefined;
        return send({ type: 'result', id: msg.id, value: summary });
      }
      case 'stop': return stop();
    }
  };
  run().catch((err: Error) => send({ type: 'error', message: err.stack ?? err.message }));
});

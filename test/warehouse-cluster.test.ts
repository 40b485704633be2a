// The warehouse on a real ClickHouse cluster (2 shards × 2 replicas with Keeper, see
// infra/clickhouse-cluster and the README's "Tests"): two processes migrating at once apply each
// migration once; every table is a Replicated local table on every server with a Distributed table
// over it; a group's rows, and what the materialized views derive from them, sit on one shard, the
// shard its tenant+group hash names, copied to both replicas; reads through the Distributed tables
// (FINAL, joins) give the whole answer; two event stores of one consumer group store everything
// once. Where no cluster is reachable the suite says so and what it would need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEventKey, type ChatEvent } from '@qunpulse/contracts';
import { startEventStore, type EventStore } from '@qunpulse/event-store';
import { silentLogger } from '@qunpulse/runtime';
import { loadMigrations, migrate, ServerWarehouse, type Warehouse } from '@qunpulse/warehouse';
import { reachableClickHouseCluster, type TestCluster } from './support/clickhouse-cluster.js';
import { testBus, uniqueName, waitFor } from './support/kit.js';

const probe = await reachableClickHouseCluster();
const found: TestCluster | undefined = 'cluster' in probe ? probe.cluster : undefined;
if (!found) process.stderr.write(`warehouse-cluster: the cluster suite did not run: ${'missing' in probe ? probe.missing : ''}\n`);

const GROUPS = 24;
const PER_GROUP = 10;
const t0 = Date.UTC(2026, 10, 2);

function events(prefix: string): ChatEvent[] {
  const out: ChatEvent[] = [];
  for (let g = 0; g < GROUPS; g++) {
    for (let i = 0; i < PER_GROUP; i++) {
      out.push({
        eventId: `${prefix}-${g}-${i}`, type: 'message', tenantId: `t${g % 3}`, platform: 'qq', groupId: `g-${g}`,
        memberId: `m-${i % 4}`, occurredAt: t0 + i * 60_000,
        message: { kind: 'text', length: 4, ...(i > 0 ? { replyTo: { eventId: `${prefix}-${g}-${i - 1}` } } : {}) },
      } as ChatEvent);
    }
  }
  return out;
}

function clusterSuite(c: TestCluster): void {
/** An event as the event store would store it (the columns these cases read). */
const row = (e: ChatEvent) => ({
  tenant_id: e.tenantId, platform: e.platform, group_id: e.groupId, event_id: e.eventId, type: e.type, member_id: e.memberId,
  occurred_at: e.occurredAt, message_kind: 'text',
  reply_to_event_id: (e as { message?: { replyTo?: { eventId: string } } }).message?.replyTo?.eventId ?? '',
});

describe('warehouse on a ClickHouse cluster', () => {
  const database = uniqueName('qp_cluster').replaceAll('-', '_');
  const open = () => ServerWarehouse.open({
    url: c.url, database, cluster: c.cluster,
    ...(c.username ? { username: c.username } : {}), ...(c.password ? { password: c.password } : {}),
  });
  let a: Warehouse;
  let b: Warehouse;

  beforeAll(async () => { [a, b] = await Promise.all([open(), open()]); });
  afterAll(async () => {
    await a?.command(`DROP DATABASE IF EXISTS ${database} ON CLUSTER ${c.cluster} SYNC`).catch(() => {});
    await Promise.all([a?.close(), b?.close()]);
    await c.stop();
  });

  it('applies each migration once when two processes start together', async () => {
    const [ra, rb] = await Promise.all([migrate(a, { cluster: c.cluster }), migrate(b, { cluster: c.cluster })]);
    const all = loadMigrations({ cluster: c.cluster, database }).map((m) => m.version);
    expect([ra, rb].sort((x, y) => y.length - x.length)).toEqual([all, []]);
    const [rows] = await a.query<{ n: number; v: number }>('SELECT count() AS n, uniqExact(version) AS v FROM schema_migrations');
    expect(rows).toEqual({ n: all.length, v: all.length });
    expect(await a.query(`SELECT name FROM system.tables WHERE database = {db:String} AND name LIKE 'schema_migrations_lock%'`, { db: database })).toEqual([]);
  });

  it('has every local table replicated on all four servers and a Distributed table over each', async () => {
    const tables = await a.query<{ name: string; engine: string; servers: number }>(
      `SELECT name, any(engine) AS engine, uniqExact(hostName()) AS servers
       FROM clusterAllReplicas(${c.cluster}, system.tables) WHERE database = {db:String} GROUP BY name ORDER BY name`, { db: database });
    const locals = tables.filter((t) => t.name.endsWith('_local'));
    expect(locals.length).toBeGreaterThan(10);
    for (const t of tables) expect(t.servers, t.name).toBe(4);
    for (const t of locals) {
      expect(t.engine, t.name).toMatch(/^Replicated/);
      expect(tables.find((d) => d.name === t.name.slice(0, -'_local'.length))?.engine, t.name).toBe('Distributed');
    }
  });

  it('places each group on the shard its tenant+group hash names, views included, on both replicas', async () => {
    const evs = events('place');
    await a.insert('chat_events', evs.map(row));
    for (const t of ['chat_events_local', 'message_authors_local']) await a.command(`SYSTEM SYNC REPLICA ON CLUSTER ${c.cluster} ${database}.${t}`);
    const placed = await a.query<{ table: string; group_id: string; tenant_id: string; shards: number; shard: number; replicas: number; rows: number }>(
      `SELECT table, group_id, tenant_id, uniqExact(shard) AS shards, any(shard) AS shard, uniqExact(host) AS replicas, count() AS rows FROM (
         SELECT 'chat_events' AS table, group_id, tenant_id, getMacro('shard') AS shard, hostName() AS host
         FROM clusterAllReplicas(${c.cluster}, ${database}.chat_events_local) WHERE event_id LIKE 'place-%'
         UNION ALL
         SELECT 'message_authors', group_id, tenant_id, getMacro('shard'), hostName()
         FROM clusterAllReplicas(${c.cluster}, ${database}.message_authors_local) WHERE event_id LIKE 'place-%'
       ) GROUP BY table, group_id, tenant_id ORDER BY table, group_id`);
    expect(placed).toHaveLength(2 * GROUPS);
    const expected = await a.query<{ tenant_id: string; group_id: string; shard: number }>(
      `SELECT tenant_id, group_id, cityHash64(tenant_id, group_id) % 2 + 1 AS shard FROM chat_events WHERE event_id LIKE 'place-%' GROUP BY tenant_id, group_id`);
    const shardOf = new Map(expected.map((r) => [`${r.tenant_id}/${r.group_id}`, Number(r.shard)]));
    for (const p of placed) {
      expect(Number(p.shards), `${p.table} ${p.group_id}`).toBe(1);
      expect(Number(p.shard), `${p.table} ${p.group_id}`).toBe(shardOf.get(`${p.tenant_id}/${p.group_id}`));
      expect(Number(p.replicas), `${p.table} ${p.group_id}`).toBe(2);
      expect(Number(p.rows), `${p.table} ${p.group_id}`).toBe(2 * PER_GROUP);
    }
    expect(new Set(placed.map((p) => Number(p.shard)))).toEqual(new Set([1, 2]));
  });

  it('reads through the Distributed tables: FINAL drops replays, joins see every shard', async () => {
    const evs = events('place').slice(0, 5);
    // A replay of five events, through the other process's connection.
    await b.insert('chat_events', evs.map(row));
    const [final] = await b.query<{ n: number }>("SELECT count() AS n FROM chat_events FINAL WHERE event_id LIKE 'place-%'");
    expect(Number(final!.n)).toBe(GROUPS * PER_GROUP);
    const [joined] = await b.query<{ n: number }>(
      `SELECT count() AS n FROM chat_events AS e FINAL
       INNER JOIN (SELECT event_id, member_id FROM message_authors FINAL) AS a ON a.event_id = e.reply_to_event_id
       WHERE e.event_id LIKE 'place-%' AND e.reply_to_event_id != ''`);
    expect(Number(joined!.n)).toBe(GROUPS * (PER_GROUP - 1));
  });

  it('stores every event once from two event stores of one consumer group', async () => {
    const bus = await testBus('cluster-store');
    const stores: EventStore[] = [];
    try {
      for (let i = 0; i < 2; i++) stores.push(await startEventStore({ bus, warehouse: i ? b : a, log: silentLogger() }));
      const producer = await bus.producer();
      const evs = events('two');
      await producer.send(bus.topics.chatEvents, evs.map((e) => ({ key: chatEventKey(e), value: JSON.stringify(e) })));
      await waitFor(async () => {
        const [r] = await a.query<{ n: number }>("SELECT count() AS n FROM chat_events WHERE event_id LIKE 'two-%'");
        return Number(r!.n) >= evs.length;
      }, `${evs.length} rows from two event stores`, 60_000);
      const [r] = await a.query<{ raw: number; ids: number }>("SELECT count() AS raw, uniqExact(event_id) AS ids FROM chat_events WHERE event_id LIKE 'two-%'");
      expect({ raw: Number(r!.raw), ids: Number(r!.ids) }).toEqual({ raw: evs.length, ids: evs.length });
      expect(stores.every((s) => s.stats.batches > 0)).toBe(true);
    } finally {
      for (const s of stores) await s.stop();
      await bus.close();
    }
  });
});

}

// The suite is declared only where a cluster is; elsewhere one case records why it did not run.
if (found) clusterSuite(found);
else {
  describe('warehouse on a ClickHouse cluster, where none is reachable', () => {
    it('names what the cluster suite needs: CLICKHOUSE_TEST_URL + CLICKHOUSE_TEST_CLUSTER, or a Docker engine', () => {
      expect('missing' in probe && probe.missing).toMatch(/CLICKHOUSE_TEST_(URL|CLUSTER).*Docker engine/);
    });
  });
}

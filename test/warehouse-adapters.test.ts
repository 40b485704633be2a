// The same warehouse contract for every adapter that can run here: embedded ClickHouse always, the
// @clickhouse/client server adapter wherever a server is reachable (see README, "Tests").
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedWarehouse, loadMigrations, migrate, ServerWarehouse, type Warehouse } from '@qunpulse/warehouse';
import { insertNew, migrateExtension } from '@qunpulse/consumer-kit';
import { linkSharing } from '@qunpulse/example-link-sharing';
import { reachableClickHouseServer, type TestServer } from './support/clickhouse-server.js';
import { uniqueName } from './support/kit.js';

const server: TestServer | undefined = await reachableClickHouseServer();
if (!server) process.stderr.write('warehouse-adapters: no ClickHouse server reachable (CLICKHOUSE_TEST_URL unset, no Docker engine); the server adapter is exercised only by its connection-failure test\n');

const adapters: [string, () => Promise<Warehouse>][] = [
  ['embedded (chdb)', () => EmbeddedWarehouse.open(path.join(mkdtempSync(path.join(tmpdir(), 'qunpulse-wh-')), 'ch'))],
];
if (server) {
  adapters.push(['server (@clickhouse/client)', () => ServerWarehouse.open({
    url: server.url, database: uniqueName('qp_test').replaceAll('-', '_'),
    ...(server.username ? { username: server.username } : {}), ...(server.password ? { password: server.password } : {}),
  })]);
}

afterAll(async () => { await server?.stop(); });

describe.each(adapters)('warehouse contract: %s', (_name, open) => {
  let wh: Warehouse;
  beforeAll(async () => { wh = await open(); });
  afterAll(async () => { await wh?.close(); });

  it('applies the migrations once', async () => {
    expect(await migrate(wh)).toEqual(loadMigrations().map((m) => m.version));
    expect(await migrate(wh)).toEqual([]);
  });

  it('inserts rows and reads them back with bound parameters', async () => {
    await wh.insert('chat_events', [
      { tenant_id: 't', platform: 'qq', group_id: 'g', event_id: 'e1', type: 'message', member_id: 'm1', occurred_at: Date.UTC(2026, 0, 1), message_kind: 'text', mentions: ['m2'] },
      { tenant_id: 't', platform: 'qq', group_id: 'g', event_id: 'e1', type: 'message', member_id: 'm1', occurred_at: Date.UTC(2026, 0, 1), message_kind: 'text', mentions: ['m2'] },
      { tenant_id: 't', platform: 'qq', group_id: 'g', event_id: 'e2', type: 'member_joined', member_id: 'm2', occurred_at: '2026-01-01T01:00:00Z', join_via: 'qr_code' },
    ]);
    const rows = await wh.query<{ event_id: string; mentions: string[]; at: string }>(
      `SELECT event_id, mentions, toString(occurred_at) AS at FROM chat_events FINAL
       WHERE tenant_id = {tenant:String} AND platform = {platform:String} ORDER BY event_id`, { tenant: 't', platform: 'qq' });
    expect(rows).toEqual([
      { event_id: 'e1', mentions: ['m2'], at: '2026-01-01 00:00:00.000' },
      { event_id: 'e2', mentions: [], at: '2026-01-01 01:00:00.000' },
    ]);
  });

  it('applies an extension\'s migrations under its namespace, and inserts only new keys', async () => {
    expect(await migrateExtension(wh, linkSharing)).toEqual([1]);
    expect(await migrateExtension(wh, linkSharing)).toEqual([]);
    const row = (event: string) => ({
      tenant_id: 't', platform: 'qq', group_id: 'g', event_id: event, url: 'https://example.org/', member_id: 'm', domain: 'example.org', occurred_at: Date.UTC(2026, 0, 1),
    });
    const key = ['tenant_id', 'platform', 'group_id', 'event_id', 'url'] as const;
    expect((await insertNew(wh, 'link_sharing_links', key, [row('e1'), row('e1'), row('e2')])).map((r) => r.event_id)).toEqual(['e1', 'e2']);
    expect((await insertNew(wh, 'link_sharing_links', key, [row('e2'), row('e3')])).map((r) => r.event_id)).toEqual(['e3']);
    expect(await wh.query('SELECT count() AS n FROM link_sharing_links')).toEqual([{ n: 3 }]);
  });

  it('reports a failing statement with ClickHouse\'s reason', async () => {
    await expect(wh.query('SELECT no_such_column FROM chat_events')).rejects.toThrow(/no_such_column/);
  });
});

describe('server adapter', () => {
  it('fails to open with an error when no server answers', async () => {
    await expect(ServerWarehouse.open({ url: 'http://127.0.0.1:1', database: 'qunpulse' })).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedWarehouse } from './embedded.js';
import { loadMigrations, migrate, splitStatements } from './migrations.js';

describe('migrations on embedded ClickHouse', () => {
  let wh: EmbeddedWarehouse;
  beforeAll(async () => { wh = await EmbeddedWarehouse.open(path.join(mkdtempSync(path.join(tmpdir(), 'qp-wh-')), 'ch')); });
  afterAll(async () => { await wh.close(); });

  it('applies every file once and nothing on a second run', async () => {
    const all = loadMigrations().map((m) => m.version);
    expect(await migrate(wh)).toEqual(all);
    expect(await migrate(wh)).toEqual([]);
    const tables = await wh.query<{ name: string }>("SELECT name FROM system.tables WHERE database = currentDatabase()");
    expect(tables.map((t) => t.name)).toContain('chat_events');
  });

  it('keeps an extension\'s migrations in their own ledger, under their namespace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qp-ext-'));
    writeFileSync(path.join(dir, '0001_notes.sql'), 'CREATE TABLE IF NOT EXISTS notes_by_day ${ON_CLUSTER} (day Date, n UInt32) ENGINE = ${REPLICATED}MergeTree ORDER BY day;\n');
    expect(await migrate(wh, { dir, namespace: 'notes' })).toEqual([1]);
    expect(await migrate(wh, { dir, namespace: 'notes' })).toEqual([]);
    expect(await migrate(wh)).toEqual([]);
    const ledger = await wh.query<{ namespace: string; version: number; name: string }>('SELECT namespace, version, name FROM extension_migrations FINAL');
    expect(ledger).toEqual([{ namespace: 'notes', version: 1, name: '0001_notes' }]);

    const bad = path.join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, '0001_oops.sql'), 'CREATE TABLE chat_events_copy (x UInt8) ENGINE = MergeTree ORDER BY x;\n');
    await expect(migrate(wh, { dir: bad, namespace: 'notes' })).rejects.toThrow('migration 0001_oops.sql of namespace notes: chat_events_copy must be named notes_…');
    await expect(migrate(wh, { dir, namespace: 'Notes!' })).rejects.toThrow(/migration namespace "Notes!": must be lower-case/);
  });

  it('binds parameters server-side and returns 64-bit integers as numbers', async () => {
    const rows = await wh.query<{ s: string; n: number }>('SELECT {s:String} AS s, toUInt64({n:UInt64}) AS n', { s: "it's", n: 42 });
    expect(rows).toEqual([{ s: "it's", n: 42 }]);
  });

  it('renders cluster DDL only when a cluster is configured', () => {
    const single = loadMigrations()[0]!.statements.join('\n');
    const cluster = loadMigrations({ cluster: 'prod', database: 'qunpulse' })[0]!.statements.join('\n');
    expect(single).not.toContain('ON CLUSTER');
    expect(cluster).toContain('ON CLUSTER prod');
    expect(cluster).toContain('ReplicatedReplacingMergeTree');
  });

  it('splits statements on line-ending semicolons only', () => {
    expect(splitStatements("SELECT ';' AS x;\n-- note;\nSELECT 2;")).toEqual(["SELECT ';' AS x", 'SELECT 2']);
  });
});

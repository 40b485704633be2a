// The cluster schema, checked without a cluster: every migration rendered for a cluster and parsed
// by the real ClickHouse engine (embedded chdb, EXPLAIN AST), and the rules the rendering keeps.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterRenderer, shardingKey, sortKey } from './cluster-ddl.js';
import { EmbeddedWarehouse } from './embedded.js';
import { loadMigrations, schemaStatements } from './migrations.js';

const target = { cluster: 'qunpulse_cluster', database: 'qunpulse' };
const rendered = [...schemaStatements(target), ...loadMigrations(target).flatMap((m) => m.statements)];
const DDL = /^(CREATE|ALTER|DROP|RENAME|EXCHANGE|TRUNCATE)\b/i;

describe('cluster DDL for every migration', () => {
  let wh: EmbeddedWarehouse;
  beforeAll(async () => { wh = await EmbeddedWarehouse.open(path.join(mkdtempSync(path.join(tmpdir(), 'qp-cluster-ddl-')), 'ch')); });
  afterAll(async () => { await wh.close(); });

  it('parses every statement with the real engine', async () => {
    expect(rendered.length).toBeGreaterThan(60);
    for (const stmt of rendered) {
      const ast = await wh.query<{ explain: string }>(`EXPLAIN AST ${stmt}`).catch((err: Error) => {
        throw new Error(`ClickHouse could not parse:\n${stmt}\n${err.message}`);
      });
      expect(ast.length, stmt).toBeGreaterThan(0);
    }
  });

  it('runs every DDL statement ON CLUSTER and leaves no placeholder', () => {
    for (const stmt of rendered) {
      expect(stmt).not.toMatch(/\$\{/);
      if (DDL.test(stmt)) expect(stmt, stmt).toContain(' ON CLUSTER qunpulse_cluster');
    }
  });

  it('makes each table a Replicated local table with a Distributed table over it, placed by tenant and group', () => {
    const created = rendered.filter((s) => /^CREATE TABLE/.test(s));
    const locals = created.filter((s) => /^CREATE TABLE (IF NOT EXISTS )?\w+_local /.test(s));
    const distributed = created.filter((s) => /ENGINE = Distributed\(/.test(s));
    expect(locals.length).toBe(distributed.length);
    for (const s of locals) expect(s, s).toMatch(/ENGINE = Replicated\w*MergeTree/);
    expect(created.filter((s) => /ENGINE = (Replacing|Aggregating|Summing)?MergeTree/.test(s))).toEqual([]);
    expect(distributed).toContain(
      'CREATE TABLE IF NOT EXISTS chat_events ON CLUSTER qunpulse_cluster AS chat_events_local ENGINE = Distributed(qunpulse_cluster, qunpulse, chat_events_local, cityHash64(tenant_id, group_id))');
    expect(distributed.find((s) => s.includes(' tenant_settings '))).toContain('cityHash64(tenant_id))');
    expect(distributed.find((s) => s.includes(' alert_outbox '))).toContain('cityHash64(alert_id))');
  });

  it('points materialized views from local table to local table', () => {
    const views = rendered.filter((s) => s.startsWith('CREATE MATERIALIZED VIEW'));
    expect(views.length).toBeGreaterThanOrEqual(6);
    for (const v of views) {
      expect(v, v).toMatch(/ TO \w+_local AS /);
      expect(v, v).toMatch(/FROM chat_events_local\b/);
      expect(v, v).not.toMatch(/FROM chat_events\b(?!_local)/);
    }
  });

  it('re-sorts chat_events by exchanging the local tables and dropping both parts of the copy', () => {
    expect(rendered).toContain('EXCHANGE TABLES chat_events_local AND chat_events_by_day_local ON CLUSTER qunpulse_cluster');
    expect(rendered).toContain('DROP TABLE IF EXISTS chat_events_by_day ON CLUSTER qunpulse_cluster SYNC');
    expect(rendered).toContain('DROP TABLE IF EXISTS chat_events_by_day_local ON CLUSTER qunpulse_cluster SYNC');
    expect(rendered.find((s) => s.startsWith('ALTER TABLE'))).toMatch(/^ALTER TABLE chat_events_local ON CLUSTER qunpulse_cluster ADD INDEX/);
  });
});

describe('cluster rendering refuses what a cluster would get wrong', () => {
  const base = 'CREATE TABLE IF NOT EXISTS ev ${ON_CLUSTER} (tenant_id String, group_id String, id String) ENGINE = ${REPLICATED}ReplacingMergeTree ORDER BY (tenant_id, group_id, id)';
  const fresh = () => { const r = new ClusterRenderer(target); r.render(base); return r; };

  it('names a DDL statement written without ${ON_CLUSTER}', () => {
    expect(() => fresh().render('CREATE TABLE t (a UInt8) ENGINE = MergeTree ORDER BY a')).toThrow(/needs \$\{ON_CLUSTER\}.*CREATE TABLE t/);
  });

  it('refuses a view that joins two sharded tables, or writes into a table placed differently', () => {
    const r = fresh();
    r.render('CREATE TABLE IF NOT EXISTS other ${ON_CLUSTER} (tenant_id String, id String) ENGINE = ${REPLICATED}ReplacingMergeTree ORDER BY (tenant_id, id)');
    expect(() => r.render('CREATE MATERIALIZED VIEW v ${ON_CLUSTER} TO other AS SELECT e.tenant_id, e.id FROM ev e JOIN other o ON o.id = e.id'))
      .toThrow(/must read exactly one sharded table/);
    expect(() => r.render('CREATE MATERIALIZED VIEW v ${ON_CLUSTER} TO other AS SELECT tenant_id, id FROM ev'))
      .toThrow(/other places rows by cityHash64\(tenant_id\) but its source by cityHash64\(tenant_id, group_id\)/);
  });

  it('refuses a table engine that cannot be replicated', () => {
    expect(() => fresh().render('CREATE TABLE IF NOT EXISTS m ${ON_CLUSTER} (a UInt8) ENGINE = Memory')).toThrow(/table m: on a cluster every table/);
  });

  it('places rows by the sort key', () => {
    expect(sortKey('ENGINE = X ORDER BY (tenant_id, platform, group_id, toDate(occurred_at), event_id) TTL x')).toEqual(['tenant_id', 'platform', 'group_id', 'toDate(occurred_at)', 'event_id']);
    expect(sortKey('ENGINE = X ORDER BY marked_at\nTTL x')).toEqual(['marked_at']);
    expect(shardingKey(['tenant_id', 'day', 'member_id'])).toBe('cityHash64(tenant_id)');
    expect(shardingKey(['group_id', 'tenant_id'])).toBe('cityHash64(tenant_id, group_id)');
    expect(() => shardingKey(['tuple()'])).toThrow(/nothing to place its rows by/);
  });
});

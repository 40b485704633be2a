// Numbered SQL migration files, applied in order and recorded, the same way by production and
// tests. A file runs once; re-running start-up applies nothing new.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './warehouse.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration { version: number; name: string; statements: string[] }

/** An extension's namespace: its ledger key and the prefix of every table it creates. */
export const NAMESPACE_PATTERN = /^[a-z][a-z0-9_]{0,40}$/;

const CREATES = /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+VIEW|VIEW|TABLE|DICTIONARY)\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?([A-Za-z0-9_.]+)/gi;

export interface MigrationOptions {
  dir?: string;
  /** On a cluster, DDL runs ON CLUSTER and MergeTree engines become Replicated*. */
  cluster?: string;
  /**
   * Told after each statement of a pending migration: upgrading a large store (re-sorting
   * chat_events, backfilling the facts) takes a while, and an operator should see it move.
   */
  onProgress?: (p: { migration: string; statement: number; of: number; ms: number }) => void;
  /**
   * An extension's migrations: recorded under this key in their own ledger (extension_migrations),
   * so their numbers never meet qunpulse's, and every object they create must start with `<namespace>_`.
   */
  namespace?: string;
}

/** Splits a file on semicolons that end a line; comments are kept out. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n').filter((l) => !l.trim().startsWith('--')).join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadMigrations(opts: MigrationOptions = {}): Migration[] {
  const dir = opts.dir ?? MIGRATIONS_DIR;
  const files = readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const seen = new Map<number, string>();
  return files.map((file) => {
    const version = Number(file.slice(0, 4));
    if (seen.has(version)) throw new Error(`migrations ${seen.get(version)} and ${file} share version ${version}`);
    seen.set(version, file);
    const raw = readFileSync(path.join(dir, file), 'utf8');
    const sql = raw
      .replaceAll('${ON_CLUSTER}', opts.cluster ? `ON CLUSTER ${opts.cluster}` : '')
      .replaceAll('${REPLICATED}', opts.cluster ? 'Replicated' : '');
    const statements = splitStatements(sql);
    if (opts.namespace !== undefined) checkNamespaced(opts.namespace, file, statements);
    return { version, name: file.replace(/\.sql$/, ''), statements };
  });
}

function checkNamespaced(namespace: string, file: string, statements: readonly string[]): void {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(`migration namespace ${JSON.stringify(namespace)}: must be lower-case letters, digits and "_", starting with a letter`);
  }
  for (const stmt of statements) {
    for (const m of stmt.matchAll(CREATES)) {
      const object = m[1]!.split('.').pop()!;
      if (!object.startsWith(`${namespace}_`)) {
        throw new Error(`migration ${file} of namespace ${namespace}: ${object} must be named ${namespace}_… so it never collides with qunpulse's tables or another extension's`);
      }
    }
  }
}

/** Where applied migrations are recorded: qunpulse's own ledger, or the extensions' keyed by namespace. */
async function ledger(wh: Warehouse, opts: MigrationOptions) {
  const onCluster = opts.cluster ? `ON CLUSTER ${opts.cluster}` : '';
  const engine = `${opts.cluster ? 'Replicated' : ''}ReplacingMergeTree`;
  if (opts.namespace === undefined) {
    await wh.command(`CREATE TABLE IF NOT EXISTS schema_migrations ${onCluster}
      (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = ${engine} ORDER BY version`);
    return {
      done: async () => (await wh.query<{ version: number }>('SELECT version FROM schema_migrations FINAL')).map((r) => r.version),
      record: (m: Migration) => wh.insert('schema_migrations', [{ version: m.version, name: m.name }]),
    };
  }
  const namespace = opts.namespace;
  await wh.command(`CREATE TABLE IF NOT EXISTS extension_migrations ${onCluster}
    (namespace String, version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
    ENGINE = ${engine} ORDER BY (namespace, version)`);
  return {
    done: async () => (await wh.query<{ version: number }>(
      'SELECT version FROM extension_migrations FINAL WHERE namespace = {namespace:String}', { namespace })).map((r) => r.version),
    record: (m: Migration) => wh.insert('extension_migrations', [{ namespace, version: m.version, name: m.name }]),
  };
}

export async function migrate(wh: Warehouse, opts: MigrationOptions = {}): Promise<number[]> {
  const migrations = loadMigrations(opts);
  const book = await ledger(wh, opts);
  const done = new Set(await book.done());
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    for (const [i, stmt] of m.statements.entries()) {
      const t0 = performance.now();
      try {
        await wh.command(stmt);
      } catch (err) {
        throw new Error(`migration ${opts.namespace ? `${opts.namespace}/` : ""}${m.name} failed on:\n${stmt.slice(0, 400)}\n${(err as Error).message}`);
      }
      opts.onProgress?.({ migration: m.name, statement: i + 1, of: m.statements.length, ms: performance.now() - t0 });
    }
    await book.record(m);
    applied.push(m.version);
  }
  return applied;
}

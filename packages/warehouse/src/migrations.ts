// Numbered SQL migration files, applied in order and recorded, the same way by production and
// tests. A file runs once; re-running start-up applies nothing new.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterRenderer } from './cluster-ddl.js';
import { MigrationLock, type MigrationLockOptions } from './migration-lock.js';
import type { Warehouse } from './warehouse.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration { version: number; name: string; statements: string[] }

/** An extension's namespace: its ledger key and the prefix of every table it creates. */
export const NAMESPACE_PATTERN = /^[a-z][a-z0-9_]{0,40}$/;

const CREATES = /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+VIEW|VIEW|TABLE|DICTIONARY)\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?([A-Za-z0-9_.]+)/gi;

export interface MigrationOptions {
  dir?: string;
  /**
   * On a cluster, every DDL statement runs ON CLUSTER, tables become Replicated* local tables with
   * Distributed tables over them (see cluster-ddl.ts).
   */
  cluster?: string;
  /** The database the Distributed tables point into; required with `cluster` (migrate passes the warehouse's). */
  database?: string;
  /** The migration lock's settings (lease, wait); see migration-lock.ts. */
  lock?: Omit<MigrationLockOptions, 'cluster'>;
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
  const renderer = clusterRenderer(opts);
  const files = readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const seen = new Map<number, string>();
  return files.map((file) => {
    const version = Number(file.slice(0, 4));
    if (seen.has(version)) throw new Error(`migrations ${seen.get(version)} and ${file} share version ${version}`);
    seen.set(version, file);
    const raw = splitStatements(readFileSync(path.join(dir, file), 'utf8'));
    if (opts.namespace !== undefined) checkNamespaced(opts.namespace, file, raw);
    const name = file.replace(/\.sql$/, '');
    return { version, name, statements: renderStatements(raw, renderer, name) };
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

function clusterRenderer(opts: MigrationOptions): ClusterRenderer | undefined {
  if (!opts.cluster) return undefined;
  if (!opts.database) throw new Error('migrations: a cluster needs the database its Distributed tables point into (option `database`)');
  return new ClusterRenderer({ cluster: opts.cluster, database: opts.database });
}

/** A file's statements for one server, or for the cluster (in order: each may depend on the tables before it). */
function renderStatements(statements: string[], renderer: ClusterRenderer | undefined, where: string): string[] {
  if (!renderer) return statements.map((s) => s.replaceAll('${ON_CLUSTER}', '').replaceAll('${REPLICATED}', ''));
  return statements.flatMap((s) => {
    try {
      return renderer.render(s);
    } catch (err) {
      throw new Error(`migration ${where}: ${(err as Error).message}`);
    }
  });
}

/** What migrations are recorded in, written like a migration: qunpulse's own, and the extensions' keyed by namespace. */
const SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations \${ON_CLUSTER}
    (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
    ENGINE = \${REPLICATED}ReplacingMergeTree ORDER BY version`;
const EXTENSION_MIGRATIONS = `CREATE TABLE IF NOT EXISTS extension_migrations \${ON_CLUSTER}
    (namespace String, version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
    ENGINE = \${REPLICATED}ReplacingMergeTree ORDER BY (namespace, version)`;

/** The statements that create the table migrations are recorded in. */
export function schemaStatements(opts: Pick<MigrationOptions, 'cluster' | 'database' | 'namespace'> = {}): string[] {
  return opts.namespace === undefined
    ? renderStatements([SCHEMA_MIGRATIONS], clusterRenderer(opts), 'schema_migrations')
    : renderStatements([EXTENSION_MIGRATIONS], clusterRenderer(opts), 'extension_migrations');
}

/** Where applied migrations are recorded: qunpulse's own ledger, or the extensions' keyed by namespace. */
function ledger(wh: Warehouse, namespace: string | undefined) {
  if (namespace === undefined) {
    return {
      done: async () => (await wh.query<{ version: number }>('SELECT version FROM schema_migrations FINAL')).map((r) => r.version),
      record: (m: Migration) => wh.insert('schema_migrations', [{ version: m.version, name: m.name }]),
    };
  }
  return {
    done: async () => (await wh.query<{ version: number }>(
      'SELECT version FROM extension_migrations FINAL WHERE namespace = {namespace:String}', { namespace })).map((r) => r.version),
    record: (m: Migration) => wh.insert('extension_migrations', [{ namespace, version: m.version, name: m.name }]),
  };
}

export async function migrate(wh: Warehouse, opts: MigrationOptions = {}): Promise<number[]> {
  const withDb = { ...opts, database: opts.database ?? wh.database };
  for (const stmt of schemaStatements(withDb)) await wh.command(stmt);
  const migrations = loadMigrations(withDb);
  const book = ledger(wh, opts.namespace);
  // One process embeds its store: a lock found there is a dead process's, and renewing the lease
  // would only compete with this process's own statements.
  const embedded = wh.kind === 'embedded';
  const lock = new MigrationLock(wh, { renew: !embedded, ownsStore: embedded, ...opts.lock, ...(opts.cluster ? { cluster: opts.cluster } : {}) });
  return lock.around(async () => {
    // Read under the lock: a process that waited for another finds its migrations applied.
    const done = new Set(await book.done());
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const [i, stmt] of m.statements.entries()) {
        const t0 = performance.now();
        try {
          await wh.command(stmt);
        } catch (err) {
          throw new Error(`migration ${opts.namespace ? `${opts.namespace}/` : ''}${m.name} failed on:\n${stmt.slice(0, 400)}\n${(err as Error).message}`);
        }
        opts.onProgress?.({ migration: m.name, statement: i + 1, of: m.statements.length, ms: performance.now() - t0 });
      }
      await book.record(m);
      applied.push(m.version);
    }
    return applied;
  });
}

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
    const name = file.replace(/\.sql$/, '');
    return { version, name, statements: renderStatements(raw, renderer, name) };
  });
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

/** What migrations are recorded in, written like a migration. */
const SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations \${ON_CLUSTER}
    (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
    ENGINE = \${REPLICATED}ReplacingMergeTree ORDER BY version`;

/** The statements that create the table migrations are recorded in. */
export function schemaStatements(opts: Pick<MigrationOptions, 'cluster' | 'database'> = {}): string[] {
  return renderStatements([SCHEMA_MIGRATIONS], clusterRenderer(opts), 'schema_migrations');
}

export async function migrate(wh: Warehouse, opts: MigrationOptions = {}): Promise<number[]> {
  const withDb = { ...opts, database: opts.database ?? wh.database };
  for (const stmt of schemaStatements(withDb)) await wh.command(stmt);
  const migrations = loadMigrations(withDb);
  // One process embeds its store: a lock found there is a dead process's, and renewing the lease
  // would only compete with this process's own statements.
  const embedded = wh.kind === 'embedded';
  const lock = new MigrationLock(wh, { renew: !embedded, ownsStore: embedded, ...opts.lock, ...(opts.cluster ? { cluster: opts.cluster } : {}) });
  return lock.around(async () => {
    // Read under the lock: a process that waited for another finds its migrations applied.
    const done = new Set((await wh.query<{ version: number }>('SELECT version FROM schema_migrations FINAL')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const [i, stmt] of m.statements.entries()) {
        const t0 = performance.now();
        try {
          await wh.command(stmt);
        } catch (err) {
          throw new Error(`migration ${m.name} failed on:\n${stmt.slice(0, 400)}\n${(err as Error).message}`);
        }
        opts.onProgress?.({ migration: m.name, statement: i + 1, of: m.statements.length, ms: performance.now() - t0 });
      }
      await wh.insert('schema_migrations', [{ version: m.version, name: m.name }]);
      applied.push(m.version);
    }
    return applied;
  });
}

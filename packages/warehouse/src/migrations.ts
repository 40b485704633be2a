// Numbered SQL migration files, applied in order and recorded, the same way by production and
// tests. A file runs once; re-running start-up applies nothing new.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './warehouse.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration { version: number; name: string; statements: string[] }

export interface MigrationOptions {
  dir?: string;
  /** On a cluster, DDL runs ON CLUSTER and MergeTree engines become Replicated*. */
  cluster?: string;
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
    return { version, name: file.replace(/\.sql$/, ''), statements: splitStatements(sql) };
  });
}

export async function migrate(wh: Warehouse, opts: MigrationOptions = {}): Promise<number[]> {
  await wh.command(`CREATE TABLE IF NOT EXISTS schema_migrations ${opts.cluster ? `ON CLUSTER ${opts.cluster}` : ''}
    (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
    ENGINE = ${opts.cluster ? 'Replicated' : ''}ReplacingMergeTree ORDER BY version`);
  const done = new Set((await wh.query<{ version: number }>('SELECT version FROM schema_migrations FINAL')).map((r) => r.version));
  const applied: number[] = [];
  for (const m of loadMigrations(opts)) {
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
}

import path from 'node:path';
import { z } from 'zod';
import { envVar, parseEnv, type Logger } from '@qunpulse/runtime';
import { EmbeddedWarehouse } from './embedded.js';
import { migrate } from './migrations.js';
import { reachServer } from './reach.js';
import { ServerWarehouse } from './server.js';
import type { Warehouse } from './warehouse.js';

export const warehouseEnvSchema = z.object({
  /** A ClickHouse server or cluster; when unset, embedded ClickHouse (chdb) is used. */
  CLICKHOUSE_URL: envVar.url().optional(),
  CLICKHOUSE_USER: z.string().optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier').default('qunpulse'),
  /** Cluster name for ON CLUSTER DDL and Replicated engines. */
  CLICKHOUSE_CLUSTER: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be a plain cluster name').optional(),
  /** How long start-up waits, retrying with backoff, for the CLICKHOUSE_URL server to answer. */
  CLICKHOUSE_STARTUP_TIMEOUT_MS: envVar.int({ min: 0, max: 3_600_000 }).default(60_000),
  /** Where state lives for the embedded defaults (embedded ClickHouse, local Kafka). */
  QUNPULSE_DATA_DIR: z.string().optional(),
});

export type WarehouseEnv = z.output<typeof warehouseEnvSchema>;

export function readWarehouseEnv(source?: Record<string, string | undefined>): WarehouseEnv {
  return parseEnv(warehouseEnvSchema, source);
}

/** Opens the configured warehouse and applies pending migrations, logging each step of them. */
export async function openWarehouse(env: WarehouseEnv, defaultDataDir: string, log?: Logger): Promise<Warehouse> {
  const url = env.CLICKHOUSE_URL;
  if (env.CLICKHOUSE_CLUSTER && !url) {
    throw new Error('CLICKHOUSE_CLUSTER: a cluster is reached through CLICKHOUSE_URL (one of its servers); embedded ClickHouse is one process, never a cluster');
  }
  const wh: Warehouse = url
    ? await reachServer(() => ServerWarehouse.open({
        url, database: env.CLICKHOUSE_DATABASE,
        ...(env.CLICKHOUSE_USER ? { username: env.CLICKHOUSE_USER } : {}),
        ...(env.CLICKHOUSE_PASSWORD ? { password: env.CLICKHOUSE_PASSWORD } : {}),
        ...(env.CLICKHOUSE_CLUSTER ? { cluster: env.CLICKHOUSE_CLUSTER } : {}),
      }), { url, timeoutMs: env.CLICKHOUSE_STARTUP_TIMEOUT_MS, ...(log ? { log } : {}) })
    : await EmbeddedWarehouse.open(path.join(env.QUNPULSE_DATA_DIR ?? defaultDataDir, 'clickhouse'), env.CLICKHOUSE_DATABASE);
  await migrate(wh, {
    ...(env.CLICKHOUSE_CLUSTER ? { cluster: env.CLICKHOUSE_CLUSTER } : {}),
    onProgress: (p) => log?.info({ migration: p.migration, step: `${p.statement}/${p.of}`, ms: Math.round(p.ms) }, 'warehouse migration step'),
  });
  return wh;
}

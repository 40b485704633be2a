// A ClickHouse server or cluster over HTTP with the official client.
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { SESSION_SETTINGS, toNdjson, type QueryParams, type Warehouse } from './warehouse.js';

export interface ServerOptions {
  url: string;
  username?: string;
  password?: string;
  database: string;
  /** A cluster from the servers' remote_servers: the database is created ON CLUSTER, and queries get CLUSTER_SETTINGS. */
  cluster?: string;
}

/**
 * How queries behave when every table name is a Distributed table over a cluster's shards:
 * - inserts return once every shard has the rows (not queued on the receiving server), so the
 *   event store commits Kafka offsets only for stored rows;
 * - a subquery or join over another Distributed table (or over a table held by this server only,
 *   such as the analytics' in-memory classified messages) is computed here once and sent to the
 *   shards (GLOBAL), which is right whatever the placement of its rows;
 * - reads and inserts go to the first healthy replica of each shard, so a process reads what it
 *   has just written.
 */
export const CLUSTER_SETTINGS = {
  distributed_foreground_insert: 1,
  distributed_product_mode: 'global',
  prefer_global_in_and_join: 1,
  load_balancing: 'in_order',
} as const;

export class ServerWarehouse implements Warehouse {
  readonly kind = 'server' as const;
  private constructor(private readonly client: ClickHouseClient, readonly database: string, readonly cluster: string | undefined) {}

  static async open(opts: ServerOptions): Promise<ServerWarehouse> {
    const auth = { username: opts.username ?? 'default', password: opts.password ?? '' };
    // Quiet: a server not up yet is retried by the caller, which reports the failure once.
    const bootstrap = createClient({ url: opts.url, ...auth, log: { level: ClickHouseLogLevel.OFF } });
    try {
      await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${opts.database}${opts.cluster ? ` ON CLUSTER ${opts.cluster}` : ''}` });
    } finally {
      await bootstrap.close();
    }
    const client = createClient({
      url: opts.url, ...auth, database: opts.database,
      clickhouse_settings: { ...SESSION_SETTINGS, date_time_input_format: 'best_effort', ...(opts.cluster ? CLUSTER_SETTINGS : {}) },
      request_timeout: 300_000,
      // A failed request is thrown to the caller, who logs it once in the service's JSON log; the
      // client's own logger would print every refused insert again to stderr as a multi-line dump.
      log: { level: ClickHouseLogLevel.OFF },
    });
    return new ServerWarehouse(client, opts.database, opts.cluster);
  }

  async query<T>(sql: string, params?: QueryParams): Promise<T[]> {
    const rs = await this.client.query({ query: sql, format: 'JSONEachRow', ...(params ? { query_params: params } : {}) });
    return rs.json<T>();
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    await this.client.command({ query: sql, ...(params ? { query_params: params } : {}) });
  }

  async insert(table: string, rows: readonly object[] | Buffer): Promise<void> {
    if (Buffer.isBuffer(rows)) {
      if (rows.length === 0) return;
      await this.client.command({ query: `INSERT INTO ${table} FORMAT JSONEachRow\n${rows.toString('utf8')}` });
      return;
    }
    if (rows.length === 0) return;
    await this.client.insert({ table, values: rows as object[], format: 'JSONEachRow' });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

export { toNdjson };

/** ` ON CLUSTER name` for DDL the application runs itself on a cluster's warehouse, else ''. */
export function onCluster(wh: Warehouse): string {
  return wh instanceof ServerWarehouse && wh.cluster ? ` ON CLUSTER ${wh.cluster}` : '';
}

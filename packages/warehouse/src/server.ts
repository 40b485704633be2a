// A ClickHouse server or cluster over HTTP with the official client.
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { SESSION_SETTINGS, toNdjson, type QueryParams, type Warehouse } from './warehouse.js';

export interface ServerOptions {
  url: string;
  username?: string;
  password?: string;
  database: string;
}

export class ServerWarehouse implements Warehouse {
  readonly kind = 'server' as const;
  private constructor(private readonly client: ClickHouseClient, readonly database: string) {}

  static async open(opts: ServerOptions): Promise<ServerWarehouse> {
    const auth = { username: opts.username ?? 'default', password: opts.password ?? '' };
    // Quiet: a server not up yet is retried by the caller, which reports the failure once.
    const bootstrap = createClient({ url: opts.url, ...auth, log: { level: ClickHouseLogLevel.OFF } });
    try {
      await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${opts.database}` });
    } finally {
      await bootstrap.close();
    }
    const client = createClient({
      url: opts.url, ...auth, database: opts.database,
      clickhouse_settings: { ...SESSION_SETTINGS, date_time_input_format: 'best_effort' },
      request_timeout: 300_000,
    });
    return new ServerWarehouse(client, opts.database);
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

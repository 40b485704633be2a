// Embedded ClickHouse (chdb): the real engine, in this process, with a persistent data directory.
// libchdb binds one data directory per process, so one EmbeddedWarehouse exists per process.
import { mkdirSync, readFileSync } from 'node:fs';
import { Session } from 'chdb';
import { SESSION_SETTINGS, toNdjson, type QueryParams, type Warehouse } from './warehouse.js';

let openPath: string | undefined;

/** The live process another engine's status file names, if any (a crashed one leaves its file behind). */
function holderOf(path: string): number | undefined {
  let pid: number;
  try {
    pid = Number(/^PID: (\d+)$/m.exec(readFileSync(`${path}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export class EmbeddedWarehouse implements Warehouse {
  readonly kind = 'embedded' as const;
  private constructor(private readonly session: Session, readonly database: string, readonly path: string) {}

  static async open(path: string, database = 'qunpulse'): Promise<EmbeddedWarehouse> {
    if (openPath && openPath !== path) {
      throw new Error(`embedded ClickHouse is already open at ${openPath} in this process; one data directory per process`);
    }
    mkdirSync(path, { recursive: true });
    let session: Session;
    try {
      session = new Session(path);
    } catch (err) {
      // chdb only says it failed to connect (the lock it could not take goes to stderr); the
      // status file names the process that holds the directory.
      const holder = holderOf(path);
      if (holder !== undefined) {
        throw new Error(`embedded ClickHouse at ${path} is in use by process ${holder} (a running \`qunpulse run\`?); stop it first, ` +
          'use the HTTP API of the running service, or set CLICKHOUSE_URL to a ClickHouse server', { cause: err });
      }
      throw err;
    }
    openPath = path;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new Error(`database name ${JSON.stringify(database)} is not a plain identifier`);
    await session.queryAsync(`CREATE DATABASE IF NOT EXISTS ${database}`);
    await session.queryAsync(`USE ${database}`);
    for (const [k, v] of Object.entries(SESSION_SETTINGS)) {
      await session.queryAsync(`SET ${k} = ${typeof v === 'string' ? `'${v}'` : v}`);
    }
    return new EmbeddedWarehouse(session, database, path);
  }

  async query<T>(sql: string, params?: QueryParams): Promise<T[]> {
    const res = params && Object.keys(params).length
      ? await this.session.queryBindAsync(sql, params, { format: 'JSONEachRow' })
      : await this.session.queryAsync(sql, { format: 'JSONEachRow' });
    // Parsed line by line from the bytes: a large result (a tenant-wide read) can exceed the
    // longest string V8 can hold, and never needs to be one.
    const raw = res.bytes();
    const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const rows: T[] = [];
    let start = 0;
    while (start < bytes.length) {
      let end = bytes.indexOf(10, start);
      if (end === -1) end = bytes.length;
      if (end > start) rows.push(JSON.parse(bytes.toString('utf8', start, end)) as T);
      start = end + 1;
    }
    return rows;
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    if (params && Object.keys(params).length) await this.session.queryBindAsync(sql, params);
    else await this.session.queryAsync(sql);
  }

  async insert(table: string, rows: readonly object[] | Buffer): Promise<void> {
    const values = Buffer.isBuffer(rows) ? rows : toNdjson(rows);
    if (values.length === 0) return;
    await this.session.insert({ table, values, format: 'JSONEachRow', settings: { input_format_skip_unknown_fields: 1 } });
  }

  async close(): Promise<void> {
    if (this.session.open) this.session.close();
    openPath = undefined;
  }
}

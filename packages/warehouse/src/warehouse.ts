// One small interface over ClickHouse. Everything that reads or writes the warehouse takes a
// Warehouse as a parameter; which engine sits behind it is decided once, by configuration.

export type QueryParams = Record<string, unknown>;

export interface Warehouse {
  /** `embedded` (chdb, in this process) or `server` (@clickhouse/client over HTTP). */
  readonly kind: 'embedded' | 'server';
  readonly database: string;
  /**
   * Runs a SELECT and returns its rows. Parameters use ClickHouse's server-side binding,
   * `{name:Type}` in the SQL, so values are never spliced into the text.
   */
  query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]>;
  /** Runs a statement that returns no rows (DDL, INSERT … SELECT, OPTIMIZE). */
  command(sql: string, params?: QueryParams): Promise<void>;
  /** Inserts rows in one INSERT. Rows are objects keyed by column name, or ready NDJSON bytes. */
  insert(table: string, rows: readonly object[] | Buffer): Promise<void>;
  close(): Promise<void>;
}

/** Settings every session uses, so both adapters return the same JSON for the same query. */
export const SESSION_SETTINGS = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_64bit_floats: 0,
  date_time_input_format: 'best_effort',
  input_format_skip_unknown_fields: 1,
} as const;

export function toNdjson(rows: readonly object[]): Buffer {
  let out = '';
  for (const row of rows) out += JSON.stringify(row) + '\n';
  return Buffer.from(out);
}

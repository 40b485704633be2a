// A Warehouse that records the statements a computation runs, then tells how many rows the engine
// plans to read for them (EXPLAIN ESTIMATE: the parts and granules left after primary-key and
// partition pruning). Recording costs nothing while timing; the estimate runs afterwards.
import type { QueryParams, Warehouse } from '@qunpulse/warehouse';

export class CountingWarehouse implements Warehouse {
  private recorded: Array<{ sql: string; params?: QueryParams }> = [];

  constructor(private readonly inner: Warehouse) {}

  get kind() { return this.inner.kind; }
  get database() { return this.inner.database; }
  get queries(): number { return this.recorded.length; }

  reset(): void { this.recorded = []; }

  query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]> {
    this.recorded.push({ sql, ...(params ? { params } : {}) });
    return this.inner.query<T>(sql, params);
  }

  command(sql: string, params?: QueryParams): Promise<void> {
    this.recorded.push({ sql, ...(params ? { params } : {}) });
    return this.inner.command(sql, params);
  }

  insert(table: string, rows: readonly object[] | Buffer): Promise<void> {
    return this.inner.insert(table, rows);
  }

  close(): Promise<void> { return this.inner.close(); }

  /** Rows the engine selects to read for every recorded statement, summed over tables. */
  async rowsRead(): Promise<number> {
    let total = 0;
    for (const { sql, params } of this.recorded) {
      // An INSERT … SELECT or CREATE TABLE … AS SELECT reads what its SELECT reads; a query over a
      // table held in memory for the recompute reads no stored rows (and the table is gone by now).
      const select = sql
        .replace(/^\s*INSERT INTO \S+\s*(\([^)]*\))?\s*/i, '')
        .replace(/^\s*CREATE TABLE \S+ ENGINE = Memory AS\s*/i, '');
      if (!/^\s*(SELECT|WITH)\b/i.test(select) || /\bFROM classified_\w+/.test(select)) continue;
      const rows = await this.inner.query<{ rows: number }>(`EXPLAIN ESTIMATE ${select}`, params);
      total += rows.reduce((s, r) => s + Number(r.rows), 0);
    }
    return total;
  }
}

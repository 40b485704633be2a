// Faults injected into the warehouse the event store writes to; everything else goes to the real
// embedded ClickHouse. A failing insert fails with the error a real client gives (a real refused
// connection, or a ClickHouse HTTP answer from ./refusing-clickhouse.ts), never a made-up one.
import type { Warehouse } from '@qunpulse/warehouse';

export interface InsertFaults {
  /** The error the insert fails with now, or undefined when the warehouse is well. */
  insertError?: (table: string, rows: readonly object[] | Buffer) => Promise<unknown> | undefined;
  /** Rows whose event id holds this get a lone surrogate in group_id, so ClickHouse itself refuses them. */
  refuseMarked?: string;
}

export function withInsertFaults(w: Warehouse, faults: InsertFaults): Warehouse {
  return {
    kind: w.kind,
    database: w.database,
    query: (sql, params) => w.query(sql, params),
    command: (sql, params) => w.command(sql, params),
    close: () => w.close(),
    async insert(table, rows) {
      const failing = faults.insertError?.(table, rows);
      if (failing) throw await failing;
      const marker = faults.refuseMarked;
      if (!marker || Buffer.isBuffer(rows)) return w.insert(table, rows);
      return w.insert(table, rows.map((r) => {
        const row = r as { event_id?: string; group_id?: string };
        return row.event_id?.includes(marker) ? { ...row, group_id: `${row.group_id}\ud800` } : row;
      }));
    },
  };
}

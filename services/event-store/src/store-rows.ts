// Stores a batch's rows so that no record can hold the rest hostage: when the warehouse refuses the
// insert because of the data, the batch is split in halves until the refused records stand alone;
// they are returned with the warehouse's reason and everything else is stored. Re-inserting a half
// that was already stored is harmless: chat_events keeps one row per event id.
import { classifyInsertFailure, type Warehouse } from '@qunpulse/warehouse';

export interface RefusedRow {
  /** Index into the rows given. */
  index: number;
  reason: string;
}

/** The warehouse failed for a reason that is not the data's: retry the whole batch later. */
export class WarehouseUnavailable extends Error {
  constructor(reason: string, options?: { cause: unknown }) {
    super(`warehouse unavailable: ${reason}`, options);
    this.name = 'WarehouseUnavailable';
  }
}

/**
 * `between` runs before each retry of a half (the consumer heartbeats there), since splitting a
 * batch with many refused records takes many inserts.
 */
export async function storeRows(
  warehouse: Warehouse, table: string, rows: readonly object[], between: () => Promise<void> = async () => {},
): Promise<RefusedRow[]> {
  const refused: RefusedRow[] = [];
  const attempt = async (lo: number, hi: number): Promise<void> => {
    try {
      await warehouse.insert(table, lo === 0 && hi === rows.length ? rows : rows.slice(lo, hi));
    } catch (err) {
      const failure = classifyInsertFailure(err);
      if (failure.kind === 'unavailable') throw new WarehouseUnavailable(failure.reason, { cause: err });
      if (hi - lo === 1) {
        refused.push({ index: lo, reason: failure.reason });
        return;
      }
      const mid = (lo + hi) >>> 1;
      await between();
      await attempt(lo, mid);
      await attempt(mid, hi);
    }
  };
  if (rows.length) await attempt(0, rows.length);
  return refused;
}

// Drops the rows of a batch that the store already holds. A replayed file, a redelivery after a
// crash or an importer resuming from a checkpoint then inserts nothing: the facts kept on insert
// (materialized views) see each event once, no day is marked again, nothing is recomputed.
// chat_events stays a ReplacingMergeTree as the second line of defence.
import type { Warehouse } from '@qunpulse/warehouse';
import type { ChatEventRow } from './row.js';

const DAY_MS = 86_400_000;
const keyOf = (r: { tenant_id: string; platform: string; group_id: string; event_id: string }) =>
  `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}\u001f${r.event_id}`;

/** The batch's values of each sort-key column, in one pass; days as ClickHouse Date text. */
function keyColumns(rows: readonly ChatEventRow[]) {
  const t = new Set<string>();
  const p = new Set<string>();
  const g = new Set<string>();
  const dayNumbers = new Set<number>();
  const e: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    t.add(r.tenant_id);
    p.add(r.platform);
    g.add(r.group_id);
    dayNumbers.add(Math.floor(r.occurred_at / DAY_MS));
    // Repeats are harmless in an IN set; the engine builds the set once.
    e[i] = r.event_id;
  }
  const d = [...dayNumbers].map((n) => new Date(n * DAY_MS).toISOString().slice(0, 10));
  return { t: [...t], p: [...p], g: [...g], d, e };
}

/**
 * The rows whose event is not stored yet. One lookup per batch: each column of the sort key
 * (tenant, platform, group, day, event) is bounded by the batch's values, so only the granules that
 * can hold the batch's events are read, and the engine gets one set per column instead of a tuple
 * per row to parse and hash (half the CPU of a tuple IN). The few candidates it returns are matched
 * on the whole key here.
 */
export async function unstoredRows(wh: Warehouse, rows: readonly ChatEventRow[]): Promise<ChatEventRow[]> {
  if (rows.length === 0) return [];
  const found = await wh.query<{ tenant_id: string; platform: string; group_id: string; event_id: string }>(
    `SELECT tenant_id, platform, group_id, event_id FROM chat_events
     WHERE tenant_id IN {t:Array(String)} AND platform IN {p:Array(String)} AND group_id IN {g:Array(String)}
       AND toDate(occurred_at) IN {d:Array(Date)} AND event_id IN {e:Array(String)}`,
    keyColumns(rows),
  );
  const stored = new Set(found.map(keyOf));
  // A batch may also repeat an event within itself: keep its first copy.
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = keyOf(r);
    if (stored.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// Drops the rows of a batch that the store already holds. A replayed file, a redelivery after a
// crash or an importer resuming from a checkpoint then inserts nothing: the facts kept on insert
// (materialized views) see each event once, no day is marked again, nothing is recomputed.
// chat_events stays a ReplacingMergeTree as the second line of defence.
import type { Warehouse } from '@qunpulse/warehouse';
import type { ChatEventRow } from './row.js';

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const keyOf = (r: { tenant_id: string; platform: string; group_id: string; event_id: string }) =>
  `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}\u001f${r.event_id}`;

/**
 * The rows whose event is not stored yet. One lookup per batch on the sort key (tenant, platform,
 * group, day, event), so it reads only the granules holding those events.
 */
export async function unstoredRows(wh: Warehouse, rows: readonly ChatEventRow[]): Promise<ChatEventRow[]> {
  if (rows.length === 0) return [];
  const found = await wh.query<{ tenant_id: string; platform: string; group_id: string; event_id: string }>(
    `SELECT DISTINCT tenant_id, platform, group_id, event_id FROM chat_events
     WHERE tenant_id IN {tenants:Array(String)} AND group_id IN {groupIds:Array(String)}
       AND (tenant_id, platform, group_id, toDate(occurred_at), event_id) IN
           (SELECT arrayJoin(arrayZip({t:Array(String)}, {p:Array(String)}, {g:Array(String)}, {d:Array(Date)}, {e:Array(String)})))`,
    {
      tenants: [...new Set(rows.map((r) => r.tenant_id))],
      groupIds: [...new Set(rows.map((r) => r.group_id))],
      t: rows.map((r) => r.tenant_id), p: rows.map((r) => r.platform), g: rows.map((r) => r.group_id),
      d: rows.map((r) => utcDay(r.occurred_at)), e: rows.map((r) => r.event_id),
    },
  );
  if (found.length === 0) return [...rows];
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

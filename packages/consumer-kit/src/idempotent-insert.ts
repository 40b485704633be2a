// At-least-once delivery means a record can arrive twice (a crash after the write and before the
// commit, a rebalance, a replay). ReplacingMergeTree folds duplicates only when parts merge, at an
// unknown time, so counts read without FINAL would see both copies. Looking the keys up before the
// insert keeps a table exactly-once for a consumer that owns the keys' partition.
import type { Warehouse } from '@qunpulse/warehouse';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Inserts the rows whose key (the listed String columns) the table does not hold yet, and the first
 * copy of a key repeated within `rows`; returns the rows inserted.
 */
export async function insertNew<R extends object>(
  wh: Warehouse, table: string, key: readonly (keyof R & string)[], rows: readonly R[],
): Promise<R[]> {
  for (const name of [table, ...key]) {
    if (!IDENTIFIER.test(name)) throw new Error(`insertNew: ${JSON.stringify(name)} is not a plain table or column name`);
  }
  if (key.length === 0) throw new Error('insertNew: key must name at least one column');
  if (rows.length === 0) return [];
  const params: Record<string, string[]> = {};
  key.forEach((k, i) => { params[`k${i}`] = rows.map((r) => String(r[k])); });
  const tuple = key.length === 1 ? key[0]! : `(${key.join(', ')})`;
  const values = key.length === 1 ? '{k0:Array(String)}' : `arrayZip(${key.map((_, i) => `{k${i}:Array(String)}`).join(', ')})`;
  const found = await wh.query<R>(
    `SELECT DISTINCT ${key.join(', ')} FROM ${table} WHERE ${tuple} IN (SELECT arrayJoin(${values}))`, params);
  const keyOf = (r: object) => key.map((k) => String((r as Record<string, unknown>)[k])).join('\u001f');
  const seen = new Set(found.map(keyOf));
  const fresh = rows.filter((r) => {
    const k = keyOf(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (fresh.length) await wh.insert(table, fresh);
  return fresh;
}

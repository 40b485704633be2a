// Erasure of one member of one tenant (PIPL, GDPR): the member's events and every row derived from
// them are deleted, other rows that name the member are redacted, and the request is logged with the
// member kept only as a hash, so the event store can drop the member's events that arrive later.
import { createHash } from 'node:crypto';
import { ERASED_MEMBER, MEMBER_TABLES, type MemberTable } from './member-columns.js';
import type { Warehouse } from './warehouse.js';

export interface ErasureRequest {
  tenantId: string;
  memberId: string;
  /** Who asked (an operator, a tenant's token): kept in the log. */
  requestedBy: string;
  /** The path the request came by: `cli`, `http`. */
  via: string;
}

export interface ErasureResult {
  tenantId: string;
  memberHash: string;
  requestedAt: string;
  /** Rows deleted and rows redacted, per table (tables with neither are left out). */
  tables: Record<string, { removed: number; redacted: number }>;
  removed: number;
  redacted: number;
}

/** The member as the erasure log keeps it: never the id itself. */
export function memberHash(tenantId: string, memberId: string): string {
  return createHash('sha256').update(`${tenantId}\u001f${memberId}`).digest('hex');
}

/** A pattern matching the id where it stands alone in text (not inside a longer id). */
function standalone(memberId: string): string {
  const escaped = memberId.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
  return `(^|[^A-Za-z0-9_.@:-])${escaped}($|[^A-Za-z0-9_.@:-])`;
}

const P = { tenant: '{tenant:String}', member: '{member:String}', re: '{re:String}' };

function textMatch(t: MemberTable): string | undefined {
  if (!t.text) return undefined;
  return t.text.columns
    .map((c) => (t.text!.arrays ? `arrayExists(x -> match(x, ${P.re}), \`${c}\`)` : `match(\`${c}\`, ${P.re})`))
    .join(' OR ');
}

/** Rows of the table that are the member's own (deleted), and rows that merely name it (redacted). */
function conditions(t: MemberTable): { own?: string; named?: string } {
  const own = [t.owner ? `\`${t.owner}\` = ${P.member}` : undefined, t.text?.action === 'delete' ? textMatch(t) : undefined]
    .filter(Boolean).map((c) => `(${c})`).join(' OR ');
  const named = [
    ...(t.refs ?? []).map((c) => `\`${c}\` = ${P.member}`),
    ...(t.arrayRefs ?? []).map((c) => `has(\`${c}\`, ${P.member})`),
    ...(t.text?.action === 'redact' ? [textMatch(t)!] : []),
  ].join(' OR ');
  return { ...(own ? { own } : {}), ...(named ? { named } : {}) };
}

function redactions(t: MemberTable): string {
  return [
    ...(t.refs ?? []).map((c) => `\`${c}\` = if(\`${c}\` = ${P.member}, '', \`${c}\`)`),
    ...(t.arrayRefs ?? []).map((c) => `\`${c}\` = arrayFilter(x -> x != ${P.member}, \`${c}\`)`),
    ...(t.text?.action === 'redact' ? t.text.columns.map((c) => {
      const replace = (v: string) => `replaceRegexpAll(${v}, ${P.re}, concat('\\\\1', {erased:String}, '\\\\2'))`;
      return `\`${c}\` = ${t.text!.arrays ? `arrayMap(x -> ${replace('x')}, \`${c}\`)` : replace(`\`${c}\``)}`;
    }) : []),
  ].join(', ');
}

async function count(wh: Warehouse, table: string, where: string, params: Record<string, unknown>): Promise<number> {
  const [row] = await wh.query<{ n: number }>(`SELECT count() AS n FROM ${table} WHERE tenant_id = ${P.tenant} AND (${where})`, params);
  return Number(row?.n ?? 0);
}

/**
 * The tables to erase from: the core list, and any other stored table keyed by tenant and member (a
 * warehouse extension's, added by its own migrations), whose rows of the member are deleted.
 */
async function memberTables(wh: Warehouse): Promise<MemberTable[]> {
  const known = new Set(MEMBER_TABLES.map((t) => t.table));
  const rows = await wh.query<{ table: string }>(
    `SELECT c.table AS table FROM system.columns c JOIN system.tables t ON t.database = c.database AND t.name = c.table
     WHERE c.database = currentDatabase() AND t.engine LIKE '%MergeTree%' AND c.name IN ('tenant_id', 'member_id') AND c.type LIKE '%String%'
     GROUP BY c.table HAVING count() = 2`);
  return [...MEMBER_TABLES, ...rows.filter((r) => !known.has(r.table)).map((r) => ({ table: r.table, owner: 'member_id' }))];
}

/** One pass over every table; returns what it found and removed or redacted. */
async function pass(wh: Warehouse, params: Record<string, unknown>): Promise<Record<string, { removed: number; redacted: number }>> {
  const out: Record<string, { removed: number; redacted: number }> = {};
  for (const t of await memberTables(wh)) {
    const { own, named } = conditions(t);
    let removed = 0;
    let redacted = 0;
    if (own && (removed = await count(wh, t.table, own, params)) > 0) {
      await wh.command(`DELETE FROM ${t.table} WHERE tenant_id = ${P.tenant} AND (${own})`, params);
    }
    if (named && (redacted = await count(wh, t.table, named, params)) > 0) {
      await wh.command(`ALTER TABLE ${t.table} UPDATE ${redactions(t)} WHERE tenant_id = ${P.tenant} AND (${named}) SETTINGS mutations_sync = 2`, params);
    }
    if (removed || redacted) out[t.table] = { removed, redacted };
  }
  return out;
}

/**
 * Erases the member. The log entry is written first, so from then on the event store drops the
 * member's arriving events; a batch stored while the first pass ran is caught by the next pass.
 * The groups and days the member's events touched are marked, so the analytics recompute them.
 */
export async function eraseMember(wh: Warehouse, req: ErasureRequest, now: () => number = Date.now): Promise<ErasureResult> {
  const hash = memberHash(req.tenantId, req.memberId);
  const requestedAt = new Date(now()).toISOString();
  const params = { tenant: req.tenantId, member: req.memberId, re: standalone(req.memberId), erased: ERASED_MEMBER };
  const touched = await wh.query<{ platform: string; group_id: string; day: string }>(
    `SELECT DISTINCT platform, group_id, toDate(occurred_at) AS day FROM chat_events WHERE tenant_id = ${P.tenant} AND member_id = ${P.member}`, params);
  await wh.insert('erasure_log', [{
    tenant_id: req.tenantId, member_hash: hash, requested_by: req.requestedBy, via: req.via,
    requested_at: requestedAt, rows_removed: 0, rows_redacted: 0,
  }]);
  const tables: ErasureResult['tables'] = {};
  for (let i = 0; i < 3; i++) {
    const found = await pass(wh, params);
    if (Object.keys(found).length === 0) break;
    for (const [table, n] of Object.entries(found)) {
      const sum = (tables[table] ??= { removed: 0, redacted: 0 });
      sum.removed += n.removed;
      sum.redacted += n.redacted;
    }
  }
  const removed = Object.values(tables).reduce((s, n) => s + n.removed, 0);
  const redacted = Object.values(tables).reduce((s, n) => s + n.redacted, 0);
  // The same entry with its totals: it replaces the first (ReplacingMergeTree on the same key).
  await wh.insert('erasure_log', [{
    tenant_id: req.tenantId, member_hash: hash, requested_by: req.requestedBy, via: req.via,
    requested_at: requestedAt, rows_removed: removed, rows_redacted: redacted,
  }]);
  if (touched.length) {
    await wh.insert('group_day_marks', touched.map((r) => ({
      tenant_id: req.tenantId, platform: r.platform, group_id: r.group_id, day: r.day, marked_at: new Date(now()).toISOString(),
    })));
  }
  return { tenantId: req.tenantId, memberHash: hash, requestedAt, tables, removed, redacted };
}

/** The hashes of the erased members of these tenants, keyed `tenant\u001fhash`. */
export async function erasedMembers(wh: Warehouse, tenants: readonly string[]): Promise<Set<string>> {
  if (tenants.length === 0) return new Set();
  const rows = await wh.query<{ tenant_id: string; member_hash: string }>(
    'SELECT DISTINCT tenant_id, member_hash FROM erasure_log WHERE tenant_id IN {tenants:Array(String)}', { tenants });
  return new Set(rows.map((r) => `${r.tenant_id}\u001f${r.member_hash}`));
}

// Drops the events of members their tenant has erased, and blanks the references other members'
// events make to them, before anything is stored: a replay of the topic or a late import must not
// bring an erased member back. One look-up of the erasure log per batch (a small table).
import { erasedMembers, memberHash, MEMBER_TABLES } from '@qunpulse/warehouse';
import type { Warehouse } from '@qunpulse/warehouse';
import type { ChatEventRow } from './row.js';

const CHAT_EVENTS = MEMBER_TABLES.find((t) => t.table === 'chat_events')!;
const REFS = (CHAT_EVENTS.refs ?? []) as (keyof ChatEventRow)[];
const ARRAY_REFS = (CHAT_EVENTS.arrayRefs ?? []) as (keyof ChatEventRow)[];

export async function withoutErasedMembers(wh: Warehouse, rows: readonly ChatEventRow[]): Promise<{ kept: ChatEventRow[]; dropped: number }> {
  const erased = await erasedMembers(wh, [...new Set(rows.map((r) => r.tenant_id))]);
  if (erased.size === 0) return { kept: [...rows], dropped: 0 };
  const isErased = (tenant: string, member: unknown) =>
    typeof member === 'string' && member !== '' && erased.has(`${tenant}\u001f${memberHash(tenant, member)}`);
  const kept: ChatEventRow[] = [];
  for (const row of rows) {
    if (isErased(row.tenant_id, row.member_id)) continue;
    const r = row as unknown as Record<string, unknown>;
    for (const c of REFS) if (isErased(row.tenant_id, r[c])) delete r[c];
    for (const c of ARRAY_REFS) {
      const list = r[c];
      if (Array.isArray(list)) r[c] = list.filter((m) => !isErased(row.tenant_id, m));
    }
    kept.push(row);
  }
  return { kept, dropped: rows.length - kept.length };
}

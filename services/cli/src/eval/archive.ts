// Reads one real archive into compact per-message and per-interaction arrays (ids interned), so a
// multi-year archive fits in memory without keeping its text: what the KOL analysis needs per
// horizon, and nothing else. Links and repeated text are kept as one ad-like flag per message.
import { createHash } from 'node:crypto';
import { EXPORT_READERS, type ExportFormat } from '@qunpulse/importers';
import { validateChatEvent, type ChatEvent } from '@qunpulse/contracts';
import type { InteractionKind } from '@qunpulse/graph';

export interface ArchiveData {
  members: string[];
  groups: string[];
  /** Per message: member index, group index, time (ms), ad-like flag. */
  messages: { member: Int32Array; group: Int32Array; at: Float64Array; adLike: Uint8Array; length: number };
  interactions: { kind: InteractionKind; from: number; to: number; group: number; at: number }[];
  firstAt: number;
  lastAt: number;
  rejected: number;
}

const LINK = /https?:\/\/|www\./i;

function growable() {
  let cap = 1 << 16;
  let member = new Int32Array(cap), group = new Int32Array(cap), at = new Float64Array(cap), adLike = new Uint8Array(cap);
  let length = 0;
  return {
    push(m: number, g: number, t: number, ad: boolean) {
      if (length === cap) {
        cap *= 2;
        const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T) => { const b = make(cap); b.set(a); return b; };
        member = grow(member, (n) => new Int32Array(n)); group = grow(group, (n) => new Int32Array(n));
        at = grow(at, (n) => new Float64Array(n)); adLike = grow(adLike, (n) => new Uint8Array(n));
      }
      member[length] = m; group[length] = g; at[length] = t; adLike[length] = ad ? 1 : 0; length++;
    },
    done: () => ({ member, group, at, adLike, length }),
  };
}

export async function readArchive(format: ExportFormat, input: string): Promise<ArchiveData> {
  const members: string[] = [];
  const memberIndex = new Map<string, number>();
  const groups: string[] = [];
  const groupIndex = new Map<string, number>();
  const intern = (list: string[], index: Map<string, number>, id: string) => {
    let i = index.get(id);
    if (i === undefined) { i = list.length; list.push(id); index.set(id, i); }
    return i;
  };
  const messages = growable();
  const interactions: ArchiveData['interactions'] = [];
  // Author of each message by event id, for replies and reactions that name only the message.
  const authors = new Map<string, number>();
  const seenText = new Set<string>();
  let firstAt = Infinity, lastAt = -Infinity, rejected = 0;
  const now = Date.now() + 86_400_000;
  for await (const rec of EXPORT_READERS[format](input, { tenantId: 'eval' })) {
    for (const item of rec.items) {
      if (!('value' in item)) { rejected++; continue; }
      const v = validateChatEvent(item.value, now);
      if (!v.ok) { rejected++; continue; }
      const e: ChatEvent = v.event;
      if (e.type !== 'message' && e.type !== 'reaction') continue;
      const g = intern(groups, groupIndex, e.groupId);
      const m = intern(members, memberIndex, e.memberId);
      const at = e.occurredAt;
      firstAt = Math.min(firstAt, at); lastAt = Math.max(lastAt, at);
      if (e.type === 'reaction') {
        const to = e.reaction.targetMemberId !== undefined ? intern(members, memberIndex, e.reaction.targetMemberId) : authors.get(`${g}:${e.reaction.targetEventId}`);
        if (to !== undefined && to !== m) interactions.push({ kind: 'reaction', from: m, to, group: g, at });
        continue;
      }
      const text = e.message.text ?? '';
      const hash = text.length > 0 ? createHash('sha1').update(`${m}\u0000${text}`).digest('base64').slice(0, 12) : '';
      const repeated = hash !== '' && seenText.has(hash);
      if (hash) seenText.add(hash);
      messages.push(m, g, at, e.message.kind === 'link' || e.message.kind === 'mini_program' || LINK.test(text) || repeated);
      authors.set(`${g}:${e.eventId}`, m);
      const reply = e.message.replyTo;
      if (reply) {
        const to = reply.memberId !== undefined ? intern(members, memberIndex, reply.memberId) : authors.get(`${g}:${reply.eventId}`);
        if (to !== undefined && to !== m) interactions.push({ kind: 'reply', from: m, to, group: g, at });
      }
      for (const who of new Set(e.message.mentions ?? [])) {
        const to = intern(members, memberIndex, who);
        if (to !== m) interactions.push({ kind: 'mention', from: m, to, group: g, at });
      }
    }
  }
  return { members, groups, messages: messages.done(), interactions, firstAt, lastAt, rejected };
}

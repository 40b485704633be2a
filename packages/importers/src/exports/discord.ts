// DiscordChatExporter JSON (one channel per file): {guild: {id}, channel: {id}, messages: [{id,
// type, timestamp, content, author: {id}, mentions: [{id}], reference: {messageId},
// reactions: [{emoji: {id, name}, users: [{id}]}], attachments: [...]}]}. The guild is the group,
// as on the webhook path, and reactions get the same event ids as relayed MESSAGE_REACTION_ADD.
import type { ChatEventInput, MessageKind } from '@qunpulse/contracts';
import { jsonFileValues, type Counted } from './json-stream.js';
import type { ExportReader } from './types.js';

interface DceUser { id: string }
interface DceMessage {
  id: string; type: string; timestamp: string; content?: string; author?: DceUser; mentions?: DceUser[];
  reference?: { messageId?: string | null } | null; attachments?: { fileName?: string }[]; stickers?: unknown[];
  reactions?: { emoji: { id?: string | null; name?: string | null }; users?: DceUser[] }[];
}

function kindOf(m: DceMessage): MessageKind {
  if (m.stickers?.length) return 'sticker';
  const name = m.attachments?.[0]?.fileName?.toLowerCase();
  if (!name) return 'text';
  if (/\.(png|jpe?g|gif|webp)$/.test(name)) return 'image';
  if (/\.(mp3|ogg|wav|m4a)$/.test(name)) return 'voice';
  if (/\.(mp4|mov|webm)$/.test(name)) return 'video';
  return 'file';
}

export function discordExportEvents(tenantId: string, guildId: string, m: DceMessage): ChatEventInput[] {
  if (!m.author) return [];
  const base = { tenantId, platform: 'discord' as const, groupId: guildId, occurredAt: m.timestamp };
  const at = Date.parse(m.timestamp);
  if (m.type === 'GuildMemberJoin') {
    return [{ ...base, type: 'member_joined', eventId: `member_joined:${m.author.id}:${at}`, memberId: m.author.id, join: { via: 'unknown' } }];
  }
  if (m.type !== 'Default' && m.type !== 'Reply') return [];
  const text = m.content ?? '';
  const mentions = [...new Set((m.mentions ?? []).map((u) => u.id))];
  const ref = m.reference?.messageId;
  const events: ChatEventInput[] = [{
    ...base, type: 'message', eventId: m.id, memberId: m.author.id,
    message: {
      kind: kindOf(m), text, length: text.length,
      ...(ref ? { replyTo: { eventId: ref } } : {}),
      ...(mentions.length ? { mentions } : {}),
    },
  }];
  for (const r of m.reactions ?? []) {
    const emoji = r.emoji.name ?? r.emoji.id ?? '';
    for (const u of r.users ?? []) {
      // The export does not say when a reaction was added; the message time bounds it.
      events.push({ ...base, type: 'reaction', eventId: `reaction:${u.id}:${m.id}:${emoji}`, memberId: u.id, reaction: { targetEventId: m.id, targetMemberId: m.author.id, emoji } });
    }
  }
  return events;
}

export const readDiscordExport: ExportReader = async function* (file, opts) {
  const counter: Counted = { bytes: 0 };
  let guildId = '';
  let index = 0;
  const skip = opts.resume?.records ?? 0;
  for await (const value of jsonFileValues(file, /^(?:guild\.id|messages\.\d+)$/, counter)) {
    if (typeof value === 'string') { guildId = value; continue; }
    index++;
    if (index <= skip) continue;
    const m = value as DceMessage;
    yield { items: discordExportEvents(opts.tenantId, guildId, m).map((v) => ({ value: v })), origin: `${file}#message ${m.id}`, bytesDone: counter.bytes };
  }
};

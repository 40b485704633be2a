// Telegram Desktop "Export chat history" in JSON (result.json): either one chat
// ({name, type, id, messages: [...]}) or a full export ({chats: {list: [{id, messages}]}}).
// Messages carry from_id ("user123"), reply_to_message_id, text_entities (mention: "@name",
// mention_name: with user_id); service messages carry action (invite_members, remove_members,
// join_group_by_link) with actor_id and member *names* only.
import type { ChatEventInput, MessageKind } from '@qunpulse/contracts';
import { jsonFileValues, type Counted } from './json-stream.js';
import type { ExportReader, ExportRecord } from './types.js';

interface TgEntity { type: string; text: string; user_id?: number }
interface TgExportMessage {
  id: number; type: string; date?: string; date_unixtime?: string; from_id?: string; actor_id?: string;
  action?: string; members?: (string | null)[]; reply_to_message_id?: number; text?: string | (string | TgEntity)[];
  text_entities?: TgEntity[]; media_type?: string; photo?: string; file?: string; sticker_emoji?: string;
}

/** "user123" → "123" so ids match the Bot API's numeric user ids; channels keep their prefix. */
export function telegramExportId(fromId: string): string {
  return fromId.startsWith('user') ? fromId.slice(4) : fromId;
}

function plainText(t: TgExportMessage['text']): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  return t.map((p) => (typeof p === 'string' ? p : p.text)).join('');
}

function kindOf(m: TgExportMessage): MessageKind {
  if (m.photo) return 'image';
  switch (m.media_type) {
    case 'voice_message': case 'audio_file': return 'voice';
    case 'video_message': case 'video_file': case 'animation': return 'video';
    case 'sticker': return 'sticker';
    case undefined: return m.file ? 'file' : 'text';
    default: return 'file';
  }
}

/**
 * Member names from service messages: the export gives no ids for invited or removed members, so
 * a member invited by name is referred to as "name:<display name>".
 */
const byName = (name: string | null) => `name:${name ?? 'unknown'}`;

export function telegramExportEvents(tenantId: string, chatId: string, m: TgExportMessage): ChatEventInput[] {
  const at = m.date_unixtime ? Number(m.date_unixtime) * 1000 : m.date ?? '';
  const base = { tenantId, platform: 'telegram' as const, groupId: chatId, occurredAt: at };
  if (m.type === 'service') {
    const actor = m.actor_id ? telegramExportId(m.actor_id) : undefined;
    switch (m.action) {
      case 'join_group_by_link':
        return actor ? [{ ...base, type: 'member_joined', eventId: `join:${m.id}:${actor}`, memberId: actor, join: { via: 'link' } }] : [];
      case 'invite_members':
        return (m.members ?? []).map((name) => {
          const member = byName(name);
          return { ...base, type: 'member_joined', eventId: `join:${m.id}:${member}`, memberId: member, join: actor ? { via: 'invite', inviterId: actor } : { via: 'unknown' } };
        });
      case 'remove_members':
        return (m.members ?? []).map((name) => {
          const member = byName(name);
          return { ...base, type: 'member_left', eventId: `leave:${m.id}:${member}`, memberId: member, leave: actor ? { reason: 'removed', byId: actor } : { reason: 'unknown' } };
        });
      default:
        return [];
    }
  }
  if (m.type !== 'message' || !m.from_id) return [];
  const text = plainText(m.text);
  const entities = m.text_entities ?? (Array.isArray(m.text) ? m.text.filter((p): p is TgEntity => typeof p !== 'string') : []);
  const mentions = [...new Set(entities.flatMap((e) => e.type === 'mention_name' && e.user_id !== undefined ? [String(e.user_id)] : e.type === 'mention' ? [e.text] : []))];
  return [{
    ...base, type: 'message', eventId: String(m.id), memberId: telegramExportId(m.from_id),
    message: {
      kind: kindOf(m), text, length: text.length,
      ...(m.reply_to_message_id !== undefined ? { replyTo: { eventId: String(m.reply_to_message_id) } } : {}),
      ...(mentions.length ? { mentions } : {}),
    },
  }];
}

const PATHS = /^(?:(?:chats|left_chats)\.list\.\d+\.)?(?:type|id|messages\.\d+)$/;

/** The Bot API's chat id for an exported chat, so imports and webhooks name a group alike. */
export function telegramChatId(type: string, id: number | string): string {
  if (/supergroup|channel/.test(type)) return `-100${id}`;
  if (type === 'private_group') return `-${id}`;
  return String(id);
}

export const readTelegramExport: ExportReader = async function* (file, opts) {
  const counter: Counted = { bytes: 0 };
  let chatId = '';
  let chatType = '';
  let index = 0;
  const skip = opts.resume?.records ?? 0;
  for await (const value of jsonFileValues(file, PATHS, counter)) {
    if (typeof value === 'string') { chatType = value; continue; }
    if (typeof value === 'number') { chatId = telegramChatId(chatType, value); continue; }
    index++;
    if (index <= skip) continue;
    const m = value as TgExportMessage;
    const record: ExportRecord = {
      items: telegramExportEvents(opts.tenantId, chatId, m).map((v) => ({ value: v })),
      origin: `${file}#message ${m.id}`, bytesDone: counter.bytes,
    };
    yield record;
  }
};

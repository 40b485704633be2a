// Telegram Bot API webhook: https://core.telegram.org/bots/api#setwebhook (secret_token is sent
// back in X-Telegram-Bot-Api-Secret-Token) and the Update / Message objects it delivers.
import type { ChatEventInput, MessageKind } from '@qunpulse/contracts';
import { safeEqual } from './secret.js';
import { isObject, PayloadError, SignatureError, type Converted } from './types.js';

export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export function verifyTelegram(headerValue: string | undefined, secretToken: string): void {
  if (!headerValue) throw new SignatureError('X-Telegram-Bot-Api-Secret-Token header is missing');
  if (!safeEqual(headerValue, secretToken)) throw new SignatureError('X-Telegram-Bot-Api-Secret-Token does not match');
}

interface TgUser { id: number; username?: string }
interface TgEntity { type: string; offset: number; length: number; user?: TgUser }
interface TgMessage {
  message_id: number; date: number; chat: { id: number }; from?: TgUser;
  text?: string; caption?: string; entities?: TgEntity[]; caption_entities?: TgEntity[];
  reply_to_message?: { message_id: number; from?: TgUser };
  new_chat_members?: TgUser[]; left_chat_member?: TgUser;
  photo?: unknown; voice?: unknown; video?: unknown; video_note?: unknown; document?: unknown;
  sticker?: unknown; animation?: unknown; audio?: unknown;
}

function kindOf(m: TgMessage): MessageKind {
  if (m.text !== undefined) return 'text';
  if (m.photo) return 'image';
  if (m.voice || m.audio) return 'voice';
  if (m.video || m.video_note || m.animation) return 'video';
  if (m.document) return 'file';
  if (m.sticker) return 'sticker';
  return 'other';
}

/**
 * Mentioned members: `text_mention` entities carry the user id; `mention` entities carry only
 * "@username", which is kept as the member reference because the Bot API gives no id for it.
 */
export function telegramMentions(text: string, entities: TgEntity[] | undefined): string[] {
  const out: string[] = [];
  for (const e of entities ?? []) {
    if (e.type === 'text_mention' && e.user) out.push(String(e.user.id));
    else if (e.type === 'mention') out.push(text.slice(e.offset, e.offset + e.length));
  }
  return [...new Set(out)];
}

export function telegramMessageEvents(tenantId: string, m: TgMessage): Converted {
  const groupId = String(m.chat.id);
  const occurredAt = m.date * 1000;
  const base = { tenantId, platform: 'telegram' as const, groupId, occurredAt };
  const actor = m.from ? String(m.from.id) : undefined;
  if (m.new_chat_members?.length) {
    return {
      ignored: [],
      events: m.new_chat_members.map((u): ChatEventInput => {
        const member = String(u.id);
        const invited = actor !== undefined && actor !== member;
        return {
          ...base, type: 'member_joined', eventId: `join:${m.message_id}:${member}`, memberId: member,
          join: invited ? { via: 'invite', inviterId: actor } : { via: 'link' },
        };
      }),
    };
  }
  if (m.left_chat_member) {
    const member = String(m.left_chat_member.id);
    const removed = actor !== undefined && actor !== member;
    return {
      ignored: [],
      events: [{
        ...base, type: 'member_left', eventId: `leave:${m.message_id}:${member}`, memberId: member,
        leave: removed ? { reason: 'removed', byId: actor } : { reason: 'quit' },
      }],
    };
  }
  if (!actor) return { events: [], ignored: [`message ${m.message_id} has no sender`] };
  const text = m.text ?? m.caption;
  const mentions = text !== undefined ? telegramMentions(text, m.text !== undefined ? m.entities : m.caption_entities) : [];
  const reply = m.reply_to_message;
  return {
    ignored: [],
    events: [{
      ...base, type: 'message', eventId: String(m.message_id), memberId: actor,
      message: {
        kind: kindOf(m),
        ...(text !== undefined ? { text, length: text.length } : {}),
        ...(reply ? { replyTo: { eventId: String(reply.message_id), ...(reply.from ? { memberId: String(reply.from.id) } : {}) } } : {}),
        ...(mentions.length ? { mentions } : {}),
      },
    }],
  };
}

/** One Update → chat events. Updates other than new messages (edits, polls, …) carry none. */
export function convertTelegramUpdate(tenantId: string, update: unknown): Converted {
  if (!isObject(update) || typeof update.update_id !== 'number') throw new PayloadError('update_id: expected a Telegram Update object');
  const m = update.message;
  if (m === undefined) {
    const kind = Object.keys(update).find((k) => k !== 'update_id') ?? 'empty';
    return { events: [], ignored: [`update ${update.update_id}: ${kind} is not ingested`] };
  }
  if (!isObject(m) || typeof m.message_id !== 'number' || typeof m.date !== 'number' || !isObject(m.chat)) {
    throw new PayloadError('message: expected message_id, date and chat');
  }
  return telegramMessageEvents(tenantId, m as unknown as TgMessage);
}

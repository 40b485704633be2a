// Discord gateway events relayed by a bot. Discord delivers these over the bot's gateway
// connection, not over HTTP, so the relay forwards each dispatch payload ({op: 0, t, s, d}) as it
// arrived, adds `received_at`, and signs the body with a secret shared with qunpulse:
//   X-Qunpulse-Timestamp: epoch seconds
//   X-Qunpulse-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))
// Payload shapes: https://discord.com/developers/docs/events/gateway-events
import { createHmac } from 'node:crypto';
import type { ChatEventInput, MessageKind } from '@qunpulse/contracts';
import { safeEqual } from './secret.js';
import { isObject, PayloadError, SignatureError, type Converted } from './types.js';

export const DISCORD_RELAY_TOLERANCE_SECONDS = 300;

export function signDiscordRelay(rawBody: Buffer | string, timestamp: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function verifyDiscordRelay(
  rawBody: Buffer, signature: string | undefined, timestamp: string | undefined, secret: string, nowMs: number = Date.now(),
): void {
  if (!signature || !timestamp) throw new SignatureError('X-Qunpulse-Signature and X-Qunpulse-Timestamp are required');
  if (!/^\d+$/.test(timestamp)) throw new SignatureError('X-Qunpulse-Timestamp must be epoch seconds');
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > DISCORD_RELAY_TOLERANCE_SECONDS) {
    throw new SignatureError(`X-Qunpulse-Timestamp is more than ${DISCORD_RELAY_TOLERANCE_SECONDS} s away from now (replay protection)`);
  }
  if (!safeEqual(signature, signDiscordRelay(rawBody, timestamp, secret))) throw new SignatureError('X-Qunpulse-Signature does not match');
}

interface DUser { id: string }
interface DMessage {
  id: string; channel_id: string; guild_id?: string; author: DUser; content?: string; timestamp: string;
  mentions?: DUser[]; message_reference?: { message_id?: string }; referenced_message?: { author?: DUser } | null;
  attachments?: { content_type?: string }[]; sticker_items?: unknown[];
}

function kindOf(m: DMessage): MessageKind {
  if (m.sticker_items?.length) return 'sticker';
  const type = m.attachments?.[0]?.content_type;
  if (!type) return 'text';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'voice';
  if (type.startsWith('video/')) return 'video';
  return 'file';
}

function need(d: Record<string, unknown>, t: string, ...fields: string[]): void {
  for (const f of fields) if (d[f] === undefined || d[f] === null) throw new PayloadError(`d.${f}: required for ${t}`);
}

/** One relayed dispatch → chat events. The guild is the community, so it is the group. */
export function convertDiscordDispatch(tenantId: string, payload: unknown): Converted {
  if (!isObject(payload) || typeof payload.t !== 'string' || !isObject(payload.d)) throw new PayloadError('t, d: expected a gateway dispatch payload');
  const { t, d } = payload;
  const receivedAt = typeof payload.received_at === 'string' ? Date.parse(payload.received_at) : NaN;
  const base = { tenantId, platform: 'discord' as const };
  const relayTime = () => {
    if (Number.isNaN(receivedAt)) throw new PayloadError(`received_at: required (ISO-8601) for ${t}, whose payload has no time`);
    return receivedAt;
  };
  switch (t) {
    case 'MESSAGE_CREATE': {
      need(d, t, 'id', 'author', 'timestamp');
      const m = d as unknown as DMessage;
      if (!m.guild_id) return { events: [], ignored: [`message ${m.id} is a direct message`] };
      const text = m.content ?? '';
      const mentions = [...new Set((m.mentions ?? []).map((u) => u.id))];
      const ref = m.message_reference?.message_id;
      const refAuthor = m.referenced_message?.author?.id;
      const event: ChatEventInput = {
        ...base, type: 'message', groupId: m.guild_id, eventId: m.id, memberId: m.author.id, occurredAt: m.timestamp,
        message: {
          kind: kindOf(m), text, length: text.length,
          ...(ref ? { replyTo: { eventId: ref, ...(refAuthor ? { memberId: refAuthor } : {}) } } : {}),
          ...(mentions.length ? { mentions } : {}),
        },
      };
      return { events: [event], ignored: [] };
    }
    case 'GUILD_MEMBER_ADD': {
      need(d, t, 'guild_id', 'user');
      const user = (d.user as DUser).id;
      const at = typeof d.joined_at === 'string' ? Date.parse(d.joined_at) : relayTime();
      return { ignored: [], events: [{ ...base, type: 'member_joined', groupId: String(d.guild_id), eventId: `member_joined:${user}:${at}`, memberId: user, occurredAt: at, join: { via: 'unknown' } }] };
    }
    case 'GUILD_MEMBER_REMOVE': {
      need(d, t, 'guild_id', 'user');
      const user = (d.user as DUser).id;
      const at = relayTime();
      return { ignored: [], events: [{ ...base, type: 'member_left', groupId: String(d.guild_id), eventId: `member_left:${user}:${at}`, memberId: user, occurredAt: at, leave: { reason: 'unknown' } }] };
    }
    case 'MESSAGE_REACTION_ADD': {
      need(d, t, 'user_id', 'message_id', 'emoji');
      if (!d.guild_id) return { events: [], ignored: ['reaction in a direct message'] };
      const emoji = d.emoji as { id?: string | null; name?: string | null };
      const name = emoji.name ?? emoji.id ?? '';
      return {
        ignored: [],
        events: [{
          ...base, type: 'reaction', groupId: String(d.guild_id), eventId: `reaction:${String(d.user_id)}:${String(d.message_id)}:${name}`,
          memberId: String(d.user_id), occurredAt: relayTime(),
          reaction: { targetEventId: String(d.message_id), ...(typeof d.message_author_id === 'string' ? { targetMemberId: d.message_author_id } : {}), emoji: name },
        }],
      };
    }
    default:
      return { events: [], ignored: [`dispatch ${t} is not ingested`] };
  }
}

// Slack message objects → chat events; shared by the Events API webhook and the workspace-export
// importer, which both carry messages in the shape documented at https://api.slack.com/events/message.
import type { ChatEventInput, MessageKind } from '@qunpulse/contracts';

export interface SlackFile { mimetype?: string }
export interface SlackMessage {
  type?: string; subtype?: string; user?: string; text?: string; ts?: string;
  thread_ts?: string; parent_user_id?: string; inviter?: string; files?: SlackFile[];
  reactions?: { name: string; users?: string[] }[];
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

export function slackMentions(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!))];
}

/** Slack timestamps are "seconds.micros" strings; they are also the message ids within a channel. */
export function slackTsMs(ts: string): number {
  const [sec, frac = ''] = ts.split('.');
  return Number(sec) * 1000 + Math.floor(Number((frac + '000').slice(0, 3)));
}

function kindOf(m: SlackMessage): MessageKind {
  const mime = m.files?.[0]?.mimetype;
  if (!mime) return 'text';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'voice';
  if (mime.startsWith('video/')) return 'video';
  return 'file';
}

const SKIPPED_SUBTYPES = new Set([
  'message_changed', 'message_deleted', 'message_replied', 'bot_message', 'channel_topic', 'channel_purpose',
  'channel_name', 'channel_archive', 'channel_unarchive', 'pinned_item', 'unpinned_item', 'ekm_access_denied',
]);

export interface SlackMessageOptions {
  /** Whether channel_join / channel_leave messages become member events (exports: yes; Events API: no, it sends member_*_channel). */
  membershipMessages: boolean;
  /** Whether the reactions listed on a message become reaction events (exports only). */
  listedReactions: boolean;
}

export function slackMessageEvents(tenantId: string, channel: string, m: SlackMessage, opts: SlackMessageOptions): { events: ChatEventInput[]; ignored?: string } {
  if (!m.ts) return { events: [], ignored: 'message without ts' };
  const base = { tenantId, platform: 'slack' as const, groupId: channel, occurredAt: slackTsMs(m.ts) };
  if (m.subtype === 'channel_join' || m.subtype === 'channel_leave') {
    if (!opts.membershipMessages) return { events: [], ignored: `${m.subtype} is taken from member_*_channel events` };
    if (!m.user) return { events: [], ignored: `${m.subtype} without user` };
    return {
      events: [m.subtype === 'channel_join'
        ? { ...base, type: 'member_joined', eventId: `join:${m.user}:${m.ts}`, memberId: m.user, join: m.inviter ? { via: 'invite', inviterId: m.inviter } : { via: 'unknown' } }
        : { ...base, type: 'member_left', eventId: `leave:${m.user}:${m.ts}`, memberId: m.user, leave: { reason: 'quit' } }],
    };
  }
  if (m.subtype && SKIPPED_SUBTYPES.has(m.subtype)) return { events: [], ignored: `message subtype ${m.subtype} is not ingested` };
  if (!m.user) return { events: [], ignored: 'message without user' };
  const text = m.text ?? '';
  const mentions = slackMentions(text);
  const isReply = m.thread_ts !== undefined && m.thread_ts !== m.ts;
  const events: ChatEventInput[] = [{
    ...base, type: 'message', eventId: m.ts, memberId: m.user,
    message: {
      kind: kindOf(m), text, length: text.length,
      ...(isReply ? { replyTo: { eventId: m.thread_ts!, ...(m.parent_user_id ? { memberId: m.parent_user_id } : {}) } } : {}),
      ...(mentions.length ? { mentions } : {}),
    },
  }];
  if (opts.listedReactions) {
    for (const r of m.reactions ?? []) {
      for (const user of r.users ?? []) {
        // Exports do not say when a reaction was added; the message time is the best bound.
        events.push({
          ...base, type: 'reaction', eventId: `reaction:${user}:${m.ts}:${r.name}`, memberId: user,
          reaction: { targetEventId: m.ts, targetMemberId: m.user, emoji: r.name },
        });
      }
    }
  }
  return { events };
}

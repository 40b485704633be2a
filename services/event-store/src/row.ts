// Maps a validated chat event to its chat_events row.
import type { ChatEvent } from '@qunpulse/contracts';

export interface RowMeta {
  source: string;
  producedAt: number;
}

export interface ChatEventRow {
  tenant_id: string; platform: string; group_id: string; event_id: string; type: string; member_id: string;
  occurred_at: number; message_kind: string; message_length: number; message_text: string; has_link: number;
  text_hash: string; reply_to_event_id: string; reply_to_member_id: string; mentions: string[]; join_via: string;
  inviter_id: string; leave_reason: string; leave_by_id: string; reaction_target_event_id: string;
  reaction_target_member_id: string; reaction_emoji: string; group_name: string; group_owner_id: string;
  group_purpose: string; source: string; produced_at: number;
}

const LINK = /(https?:\/\/|www\.)\S+/i;

export function toRow(e: ChatEvent, meta: RowMeta): ChatEventRow {
  const row: ChatEventRow = {
    tenant_id: e.tenantId, platform: e.platform, group_id: e.groupId, event_id: e.eventId, type: e.type,
    member_id: e.memberId ?? '', occurred_at: e.occurredAt,
    message_kind: '', message_length: 0, message_text: '', has_link: 0, text_hash: '',
    reply_to_event_id: '', reply_to_member_id: '', mentions: [],
    join_via: '', inviter_id: '', leave_reason: '', leave_by_id: '',
    reaction_target_event_id: '', reaction_target_member_id: '', reaction_emoji: '',
    group_name: '', group_owner_id: '', group_purpose: '',
    source: meta.source, produced_at: meta.producedAt,
  };
  switch (e.type) {
    case 'message': {
      const m = e.message;
      row.message_kind = m.kind;
      row.message_length = m.length ?? m.text?.length ?? 0;
      row.message_text = m.text ?? '';
      row.has_link = m.hasLink ?? (m.text ? LINK.test(m.text) : m.kind === 'link') ? 1 : 0;
      row.text_hash = m.textHash ?? '';
      row.reply_to_event_id = m.replyTo?.eventId ?? '';
      row.reply_to_member_id = m.replyTo?.memberId ?? '';
      row.mentions = m.mentions ?? [];
      break;
    }
    case 'member_joined':
      row.join_via = e.join.via;
      row.inviter_id = e.join.inviterId ?? '';
      break;
    case 'member_left':
      row.leave_reason = e.leave.reason;
      row.leave_by_id = e.leave.byId ?? '';
      break;
    case 'reaction':
      row.reaction_target_event_id = e.reaction.targetEventId;
      row.reaction_target_member_id = e.reaction.targetMemberId ?? '';
      row.reaction_emoji = e.reaction.emoji ?? '';
      break;
    case 'group_created':
    case 'group_updated':
      row.group_name = e.group.name ?? '';
      row.group_owner_id = e.group.ownerId ?? '';
      row.group_purpose = e.group.purpose ?? '';
      break;
    case 'group_dissolved':
      break;
  }
  return row;
}

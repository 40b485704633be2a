import type { InteractionRecord, MemberActivity } from './types.js';

/**
 * The few fields of a chat event the graph needs (structurally compatible with chat-event/v1), so
 * callers holding plain events (simulations, imports) can build graphs without a warehouse.
 */
export interface EventLike {
  eventId: string;
  type: string;
  groupId: string;
  memberId?: string;
  occurredAt: number;
  message?: {
    kind: string;
    replyTo?: { eventId: string; memberId?: string };
    mentions?: string[];
    hasLink?: boolean;
    textHash?: string;
    text?: string;
  };
  join?: { via: string; inviterId?: string };
  reaction?: { targetEventId: string; targetMemberId?: string };
}

// Red packets are not ads: the owner handing out red packets is not spamming, however hollow the thanks.
const AD_KINDS = new Set(['link', 'mini_program']);
const LINK = /https?:\/\/|www\./i;

export interface ExtractedGroup {
  groupId: string;
  interactions: InteractionRecord[];
  activity: MemberActivity[];
  repliedMessages: number;
  /** Members whose last membership event (in event order) is leaving. */
  departed: string[];
}

/**
 * Interactions and activity per group from raw events. A reply or reaction that names only the
 * target event is resolved to that event's author from the events seen (in any order); targets
 * never seen are dropped. Repeated text within a member's messages counts as ad-like.
 */
export function extractGroups(events: Iterable<EventLike>): Map<string, ExtractedGroup> {
  const authors = new Map<string, string>();
  const list: EventLike[] = [];
  for (const e of events) {
    list.push(e);
    if (e.type === 'message' && e.memberId) authors.set(`${e.groupId}\u0000${e.eventId}`, e.memberId);
  }
  type Building = ExtractedGroup & {
    perMember: Map<string, MemberActivity>; texts: Map<string, Set<string>>; replied: Set<string>; membership: Map<string, { at: number; left: boolean }>;
  };
  const groups = new Map<string, Building>();
  const groupOf = (id: string) => {
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { groupId: id, interactions: [], activity: [], repliedMessages: 0, departed: [], perMember: new Map(), texts: new Map(), replied: new Set(), membership: new Map() }));
    return g;
  };
  for (const e of list) {
    if (!e.memberId) continue;
    const g = groupOf(e.groupId);
    const push = (kind: InteractionRecord['kind'], to: string | undefined) => {
      if (to && to !== e.memberId) g.interactions.push({ kind, from: e.memberId!, to, at: e.occurredAt, groupId: e.groupId });
    };
    if (e.type === 'message' && e.message) {
      const m = e.message;
      let a = g.perMember.get(e.memberId);
      if (!a) g.perMember.set(e.memberId, (a = { memberId: e.memberId, messages: 0, adMessages: 0 }));
      a.messages += 1;
      const hash = m.textHash ?? m.text;
      let seen = g.texts.get(e.memberId);
      if (!seen) g.texts.set(e.memberId, (seen = new Set()));
      const repeated = hash !== undefined && hash.length > 0 && seen.has(hash);
      if (hash) seen.add(hash);
      if (AD_KINDS.has(m.kind) || m.hasLink === true || (m.text !== undefined && LINK.test(m.text)) || repeated) a.adMessages += 1;
      if (m.replyTo) {
        const target = m.replyTo.memberId ?? authors.get(`${e.groupId}\u0000${m.replyTo.eventId}`);
        push('reply', target);
        if (target && target !== e.memberId) g.replied.add(m.replyTo.eventId);
      }
      for (const mentioned of new Set(m.mentions ?? [])) push('mention', mentioned);
    } else if (e.type === 'reaction' && e.reaction) {
      push('reaction', e.reaction.targetMemberId ?? authors.get(`${e.groupId}\u0000${e.reaction.targetEventId}`));
    } else if (e.type === 'member_joined' || e.type === 'member_left') {
      const last = g.membership.get(e.memberId);
      if (!last || e.occurredAt >= last.at) g.membership.set(e.memberId, { at: e.occurredAt, left: e.type === 'member_left' });
      // inviter → invitee
      if (e.type === 'member_joined' && e.join?.inviterId && e.join.inviterId !== e.memberId) {
        g.interactions.push({ kind: 'invite', from: e.join.inviterId, to: e.memberId, at: e.occurredAt, groupId: e.groupId });
      }
    }
  }
  const out = new Map<string, ExtractedGroup>();
  for (const [id, g] of groups) {
    const departed = [...g.membership].filter(([, m]) => m.left).map(([member]) => member);
    out.set(id, { groupId: id, interactions: g.interactions, activity: [...g.perMember.values()], repliedMessages: g.replied.size, departed });
  }
  return out;
}

/** Tenant-level activity: messages summed over groups and the number of groups posted in. */
export function tenantActivity(groups: Iterable<{ activity: readonly MemberActivity[] }>): MemberActivity[] {
  const out = new Map<string, MemberActivity>();
  for (const g of groups) {
    for (const a of g.activity) {
      const t = out.get(a.memberId);
      if (t) { t.messages += a.messages; t.adMessages += a.adMessages; t.groups = (t.groups ?? 0) + 1; }
      else out.set(a.memberId, { memberId: a.memberId, messages: a.messages, adMessages: a.adMessages, groups: 1 });
    }
  }
  return [...out.values()];
}

// Privacy rules applied to every event on every ingest path (HTTP, webhooks, imports), so a tenant's
// data looks the same whichever way it arrived: message text is dropped unless the tenant opted in
// (its length, link flag and a hash for repeat detection are kept), and member ids can be replaced
// by a per-tenant keyed hash.
import { createHash, createHmac } from 'node:crypto';
import type { ChatEvent } from '@qunpulse/contracts';

export interface PrivacyPolicy {
  /** Keep message text (opt-in); otherwise only derived fields survive. */
  keepText: boolean;
  /** Secret key for member-id pseudonymisation; unset means ids are kept as they are. */
  pseudonymKey?: string | undefined;
}

const LINK = /(https?:\/\/|www\.)\S+/i;

export function hasLink(text: string): boolean {
  return LINK.test(text);
}

/** Normalised so that trivially varied copies of one advert hash alike. */
function normaliseText(text: string): string {
  // NFKC changes nothing in ASCII, and it is the costly step.
  const folded = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC');
  return folded.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A hash of the normalised text. Keyed with the tenant's pseudonym key when there is one, so a
 * hash cannot be reversed by hashing guessed messages without that key.
 */
export function textHash(text: string, key?: string): string {
  const norm = normaliseText(text);
  const h = key ? createHmac('sha256', key).update('text\u0000').update(norm) : createHash('sha256').update(norm);
  return h.digest('hex').slice(0, 32);
}

/** A stable pseudonym for a member id: the same id and key always give the same pseudonym. */
export function pseudonymise(id: string, key: string): string {
  return 'p_' + createHmac('sha256', key).update('member\u0000').update(id).digest('base64url').slice(0, 22);
}

/** Returns a copy with the policy applied; the input is not changed. */
export function applyPrivacy(event: ChatEvent, policy: PrivacyPolicy): ChatEvent {
  const key = policy.pseudonymKey;
  const pid = (id: string): string => (key ? pseudonymise(id, key) : id);
  // Copies only the parts it changes: events are plain data fresh from validation.
  const out = { ...event } as ChatEvent;
  if (out.memberId !== undefined && key) out.memberId = pid(out.memberId);
  // Keyed like member ids: the same signal still matches across platforms, but is not readable.
  if (out.identity && key) {
    const { unionId, verifiedEmailHash, verifiedPhoneHash } = out.identity;
    out.identity = {
      ...(unionId !== undefined ? { unionId: pid(unionId) } : {}),
      ...(verifiedEmailHash !== undefined ? { verifiedEmailHash: pid(verifiedEmailHash) } : {}),
      ...(verifiedPhoneHash !== undefined ? { verifiedPhoneHash: pid(verifiedPhoneHash) } : {}),
    };
  }
  switch (out.type) {
    case 'message': {
      const m = { ...out.message };
      if (m.text !== undefined) {
        m.length ??= m.text.length;
        m.hasLink ??= hasLink(m.text);
        m.textHash ??= textHash(m.text, key);
        if (!policy.keepText) delete m.text;
      }
      if (key) {
        if (m.replyTo?.memberId !== undefined) m.replyTo = { ...m.replyTo, memberId: pid(m.replyTo.memberId) };
        if (m.mentions) m.mentions = m.mentions.map(pid);
      }
      out.message = m;
      break;
    }
    case 'member_joined':
      if (key && out.join.inviterId !== undefined) out.join = { ...out.join, inviterId: pid(out.join.inviterId) };
      break;
    case 'member_left':
      if (key && out.leave.byId !== undefined) out.leave = { ...out.leave, byId: pid(out.leave.byId) };
      break;
    case 'reaction':
      if (key && out.reaction.targetMemberId !== undefined) out.reaction = { ...out.reaction, targetMemberId: pid(out.reaction.targetMemberId) };
      break;
    case 'group_created':
    case 'group_updated':
      if (key && out.group.ownerId !== undefined) out.group = { ...out.group, ownerId: pid(out.group.ownerId) };
      break;
    case 'group_dissolved':
      break;
  }
  return out;
}

/** For a tenant nobody configured: message text dropped, member ids kept. */
export const DEFAULT_PRIVACY: PrivacyPolicy = { keepText: false };

/** Where a path finds each tenant's policy; undefined means the tenant set none. */
export type PolicyLookup = (tenantId: string) => PrivacyPolicy | undefined;

/** For paths that have no tenants configuration: every tenant gets DEFAULT_PRIVACY. */
export const noConfiguredPolicies: PolicyLookup = () => undefined;

/**
 * The privacy step of every way in — HTTP, webhooks, `import`, `analyze`, the demo — handed to the
 * publisher, which cannot publish without one: each event gets its tenant's policy, or
 * DEFAULT_PRIVACY when the tenant has none, so text is kept only where a tenant opted in.
 */
export function privacyStep(policyFor: PolicyLookup): (event: ChatEvent) => ChatEvent {
  return (event) => applyPrivacy(event, policyFor(event.tenantId) ?? DEFAULT_PRIVACY);
}

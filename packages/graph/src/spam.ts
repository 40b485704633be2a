import type { MemberActivity } from './types.js';

export interface SpamRule {
  /** Fewer messages than this never make a spammer: quiet members are not a nuisance. */
  minMessages: number;
  /** Interactions received per message at or below which a member is "ignored". */
  maxReceivedPerMessage: number;
  /** Ad-like share of messages (links, mini-programs, repeated text) that marks an advertiser. */
  minAdShare: number;
  /** Or: posting in at least this many of the tenant's groups while ignored everywhere. */
  minGroups: number;
}

export const DEFAULT_SPAM_RULE: Readonly<SpamRule> = {
  minMessages: 10,
  maxReceivedPerMessage: 0.05,
  minAdShare: 0.3,
  minGroups: 3,
};

/**
 * An ad spammer posts a lot, gets almost no interaction back (no replies, mentions or reactions),
 * and either posts ad-like content or sprays the same way across many groups.
 */
export function isSpammer(activity: MemberActivity, received: number, rule: SpamRule = DEFAULT_SPAM_RULE): boolean {
  if (activity.messages < rule.minMessages) return false;
  if (received > rule.maxReceivedPerMessage * activity.messages) return false;
  return activity.adMessages >= rule.minAdShare * activity.messages || (activity.groups ?? 1) >= rule.minGroups;
}

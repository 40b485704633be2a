// Bots and staff are not KOLs: a bridge relaying another chat, a CI or repository notifier, the
// network's services (ChanServ) or a community's paid staff can sit at the centre of the graph
// without being anyone the community gathers around. Known bot names are recognised here; a tenant
// lists its own bots and staff (`excluded` in the analysis options); accounts that only post
// automated notices are recognised by what they do.

/** Names (member ids or display names) of well-known bots and services, matched whole or as a word. */
const KNOWN_BOT = /(?:^|[^a-z0-9])bot(?:$|[^a-z0-9])|bot$|^(?:chanserv|nickserv|memoserv|operserv|global|github|gitlab|travis|jenkins|buildbot|irker|zakim|rrsagent|trackbot|logbot|firebot|mozbot|botbot|dependabot|renovate|notification bot|welcome bot)$/i;

/** The same names as an RE2 pattern (case-insensitive), for the warehouse's `match()`. */
export const KNOWN_BOT_PATTERN = `(?i)${KNOWN_BOT.source}`;

export function isKnownBot(memberId: string): boolean {
  return KNOWN_BOT.test(memberId.trim());
}

/** Fewer messages than this are too few to call an account automated. */
export const NOTICE_MIN_MESSAGES = 20;
/** Share of an account's messages that are links or repeated text for it to read as notices. */
export const NOTICE_MIN_SHARE = 0.9;

/**
 * An account that only posts automated notices (commit feeds, CI results, RSS relays): many
 * messages, nearly all links or repeated text, and never a reply, mention or reaction to anyone.
 * Unlike a spammer it may be answered ("thanks, bot"), which is why the spam rule misses it.
 */
export function postsOnlyNotices(activity: { messages: number; adMessages: number }, interactionsGiven: number): boolean {
  return activity.messages >= NOTICE_MIN_MESSAGES && interactionsGiven === 0 && activity.adMessages >= NOTICE_MIN_SHARE * activity.messages;
}

// Bots and staff are not KOLs: a bridge relaying another chat, a CI or repository notifier, the
// network's services (ChanServ) or a community's paid staff can sit at the centre of the graph
// without being anyone the community gathers around. Known bot names are recognised here; a tenant
// lists its own bots and staff (`excluded` in the analysis options).

/** Names (member ids or display names) of well-known bots and services, matched whole or as a word. */
const KNOWN_BOT = /(?:^|[^a-z0-9])bot(?:$|[^a-z0-9])|bot$|^(?:chanserv|nickserv|memoserv|operserv|global|github|gitlab|travis|jenkins|buildbot|irker|zakim|rrsagent|trackbot|logbot|firebot|mozbot|botbot|dependabot|renovate|notification bot|welcome bot)$/i;

export function isKnownBot(memberId: string): boolean {
  return KNOWN_BOT.test(memberId.trim());
}

// For one archive and one horizon: the tenant-wide ranking the product computes (composite score),
// and the two baselines it must beat (message count and PageRank, each decayed and windowed alike,
// each with the same bots, listed accounts and spammers left out), scored against a truth set at
// k = the number of truth members who posted within the window.
import {
  analyzeTenant, compositeScores, decayFactor, DEFAULT_SCORE_WEIGHTS, isKnownBot, KOL_HORIZONS, type InteractionRecord, type KolHorizonName,
  type MemberActivity, type MemberKol, type ScoreWeights,
} from '@qunpulse/graph';
import type { ArchiveData } from './archive.js';

const DAY_MS = 86_400_000;

export interface HorizonResult {
  horizon: KolHorizonName;
  asOf: number;
  /** Truth members who posted within the window (the k of top-k). */
  k: number;
  /** Members who posted within the window. */
  members: number;
  composite: number;
  messages: number;
  pagerank: number;
}

function topK(scores: Map<string, number>, k: number): Set<string> {
  return new Set([...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([m]) => m));
}

const hits = (top: Set<string>, truth: Set<string>) => [...top].filter((m) => truth.has(m)).length;

export function analyzeHorizon(
  data: ArchiveData, truthIds: ReadonlySet<string>, horizon: KolHorizonName, asOf: number,
  options: { excluded?: ReadonlySet<string> } = {},
): HorizonAnalysis {
  const { halfLifeDays, windowDays } = KOL_HORIZONS[horizon];
  const from = asOf - windowDays * DAY_MS;
  const perGroup = new Map<string, MemberActivity>();
  const decayed = new Map<string, number>();
  const { member, group, at, adLike, length } = data.messages;
  for (let i = 0; i < length; i++) {
    const t = at[i]!;
    if (t < from || t > asOf) continue;
    const id = data.members[member[i]!]!;
    const key = `${group[i]}\u0000${id}`;
    let a = perGroup.get(key);
    if (!a) perGroup.set(key, (a = { memberId: id, messages: 0, adMessages: 0 }));
    a.messages++;
    if (adLike[i]) a.adMessages++;
    decayed.set(id, (decayed.get(id) ?? 0) + decayFactor(asOf - t, halfLifeDays));
  }
  const activity = new Map<string, MemberActivity>();
  for (const a of perGroup.values()) {
    const t = activity.get(a.memberId);
    if (t) { t.messages += a.messages; t.adMessages += a.adMessages; t.groups = (t.groups ?? 1) + 1; }
    else activity.set(a.memberId, { ...a, groups: 1 });
  }
  const interactions: InteractionRecord[] = [];
  for (const r of data.interactions) {
    if (r.at < from || r.at > asOf) continue;
    interactions.push({ kind: r.kind, from: data.members[r.from]!, to: data.members[r.to]!, at: r.at, groupId: data.groups[r.group]! });
  }
  const tenant = analyzeTenant({ interactions, activity: [...activity.values()] }, {
    asOf, halfLifeDays, ...(options.excluded ? { excluded: options.excluded } : {}),
  });
  // Nobody can rank an account that is never ranked (a known or listed bot, whether or not the spam
  // rule flagged it first): it counts for no ranking.
  const bot = (m: string) => isKnownBot(m) || (options.excluded?.has(m) ?? false);
  const truth = new Set([...truthIds].filter((m) => activity.has(m) && !bot(m)));
  return { horizon, asOf, truth, activity, decayed, members: tenant.members };
}

/** The windowed tenant analysis of one horizon: computed once, then scored under any weights. */
export interface HorizonAnalysis {
  horizon: KolHorizonName;
  asOf: number;
  truth: Set<string>;
  activity: Map<string, MemberActivity>;
  decayed: Map<string, number>;
  members: MemberKol[];
}

/** Truth members in the top k of the composite (under `weights`), message count and PageRank. */
export function scoreHorizon(a: HorizonAnalysis, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS): HorizonResult {
  // Every ranking ranks the same members: posted in the window, not a spammer, bot or listed account.
  const eligible = a.members.filter((m) => m.rank > 0 && a.activity.has(m.memberId));
  const k = a.truth.size;
  const composite = compositeScores(new Map(eligible.map((m) => [m.memberId, m.metrics])), () => true, weights);
  return {
    horizon: a.horizon, asOf: a.asOf, k, members: a.activity.size,
    composite: hits(topK(composite, k), a.truth),
    messages: hits(topK(new Map(eligible.map((m) => [m.memberId, a.decayed.get(m.memberId) ?? 0])), k), a.truth),
    pagerank: hits(topK(new Map(eligible.map((m) => [m.memberId, m.metrics.pagerank])), k), a.truth),
  };
}

import type { AbstractGraph } from 'graphology-types';
import { betweenness, type BetweennessOptions } from './betweenness.js';
import { buildInteractionGraph, type BuildOptions } from './build.js';
import { componentSummary, simulateDeparture, type DepartureResult } from './components.js';
import { coreness } from './coreness.js';
import { pagerank, type PagerankOptions } from './pagerank.js';
import { compositeScores, DEFAULT_SCORE_WEIGHTS, rankByScore, type ScoreWeights } from './score.js';
import { isKnownBot } from './bots.js';
import { DEFAULT_SPAM_RULE, isSpammer, type SpamRule } from './spam.js';
import { absenceFactor, density, gini, reciprocity } from './structure.js';
import type { InteractionRecord, KolMetrics, MemberActivity, MemberKol } from './types.js';

export interface GroupInput {
  interactions: readonly InteractionRecord[];
  /** Everyone who posted (and anyone else who should count as a member of the graph). */
  activity: readonly MemberActivity[];
  /** Messages in the window that got at least one reply, for the replied share. */
  repliedMessages?: number;
  /** Members whose last membership event is leaving: the graph reflects who is still there. */
  departed?: readonly string[];
}

/**
 * The group as it is now: members who left are removed with their ties, so they are not ranked as
 * current KOLs and the structure shows how the rest hangs together without them.
 */
export function presentOnly<T extends GroupInput>(input: T): T {
  if (!input.departed?.length) return input;
  const gone = new Set(input.departed);
  return {
    ...input,
    interactions: input.interactions.filter((r) => !gone.has(r.from) && !gone.has(r.to)),
    activity: input.activity.filter((a) => !gone.has(a.memberId)),
    departed: [],
  };
}

export interface AnalyzeOptions extends BuildOptions {
  betweenness?: BetweennessOptions;
  pagerank?: PagerankOptions;
  spam?: SpamRule;
  scoreWeights?: ScoreWeights;
  /** Members flagged elsewhere (e.g. tenant-wide), excluded from ranking here too. */
  spammers?: ReadonlySet<string>;
  /** The tenant's own bots and staff: never ranked (known bot names are recognised without listing). */
  excluded?: ReadonlySet<string>;
  /** A member scoring at least this counts towards `kolCount`. */
  kolScoreThreshold?: number;
}

export const DEFAULT_KOL_SCORE_THRESHOLD = 0.5;

export interface GroupStructure {
  nodes: number;
  edges: number;
  absenceFactor: number;
  messageGini: number;
  /** Share of messages that got any reply (0 when there were no messages). */
  repliedShare: number;
  reciprocity: number;
  density: number;
  largestComponentShare: number;
  /** After the top-1 / top-3 KOLs leave: share of the remaining members still in one connected piece. */
  survivalWithoutTop1: number;
  survivalWithoutTop3: number;
  departures: DepartureResult[];
  kolCount: number;
}

export interface KolAnalysis {
  /** Every member, ranked members first by rank, then spammers. */
  members: MemberKol[];
  betweennessMode: string;
}

export interface GroupAnalysis extends KolAnalysis {
  structure: GroupStructure;
}

interface Received { total: number; replies: number }

function receivedCounts(interactions: readonly InteractionRecord[], asOf: number): Map<string, Received> {
  const out = new Map<string, Received>();
  for (const r of interactions) {
    if (r.from === r.to || r.at > asOf) continue;
    let c = out.get(r.to);
    if (!c) out.set(r.to, (c = { total: 0, replies: 0 }));
    const n = r.count ?? 1;
    c.total += n;
    if (r.kind === 'reply') c.replies += n;
  }
  return out;
}

/**
 * KOL metrics on an already built graph (used directly for published graphs such as the karate
 * club). `activity` and `received` feed the spam rule; members without activity are never spammers.
 */
export function kolMetricsOfGraph(
  graph: AbstractGraph,
  options: Omit<AnalyzeOptions, 'asOf'> = {},
  activity: ReadonlyMap<string, MemberActivity> = new Map(),
  received: ReadonlyMap<string, Received> = new Map(),
): KolAnalysis {
  const pr = pagerank(graph, options.pagerank);
  const bc = betweenness(graph, options.betweenness);
  const core = coreness(graph);
  const metrics = new Map<string, KolMetrics>();
  const spammers = new Set<string>();
  const excluded = new Map<string, NonNullable<MemberKol['excludedAs']>>();
  for (const node of graph.nodes()) {
    let inWeight = 0;
    graph.forEachInEdge(node, (_e, attrs) => { inWeight += typeof attrs.weight === 'number' ? attrs.weight : 1; });
    if (graph.type !== 'directed') {
      graph.forEachUndirectedEdge(node, (_e, attrs) => { inWeight += typeof attrs.weight === 'number' ? attrs.weight : 1; });
    }
    const got = received.get(node) ?? { total: 0, replies: 0 };
    const act = activity.get(node);
    metrics.set(node, {
      weightedInDegree: inWeight,
      pagerank: pr.get(node) ?? 0,
      betweenness: bc.values.get(node) ?? 0,
      coreness: core.get(node) ?? 0,
      messages: act?.messages ?? 0,
      received: got.total,
      repliesReceived: got.replies,
    });
    if (options.spammers?.has(node) || (act && isSpammer(act, got.total, options.spam ?? DEFAULT_SPAM_RULE))) spammers.add(node);
    else if (options.excluded?.has(node)) excluded.set(node, 'listed');
    else if (isKnownBot(node)) excluded.set(node, 'bot');
  }
  const eligible = (m: string) => !spammers.has(m) && !excluded.has(m);
  const scores = compositeScores(metrics, eligible, options.scoreWeights ?? DEFAULT_SCORE_WEIGHTS);
  const ranks = rankByScore(scores, eligible);
  const members: MemberKol[] = [...metrics].map(([memberId, m]) => ({
    memberId, metrics: m, score: scores.get(memberId) ?? 0, rank: ranks.get(memberId) ?? 0, isSpammer: spammers.has(memberId),
    ...(excluded.has(memberId) ? { excludedAs: excluded.get(memberId)! } : {}),
  }));
  members.sort((a, b) => (a.rank === 0 ? 1 : 0) - (b.rank === 0 ? 1 : 0) || a.rank - b.rank || (a.memberId < b.memberId ? -1 : 1));
  return { members, betweennessMode: bc.mode };
}

/** Top-k ranked (non-spammer) members, most central first. */
export function topKols(members: readonly MemberKol[], k: number): MemberKol[] {
  return members.filter((m) => m.rank > 0).slice(0, k);
}

export function groupStructure(
  graph: AbstractGraph,
  analysis: KolAnalysis,
  activity: readonly MemberActivity[],
  repliedMessages: number,
  kolScoreThreshold = DEFAULT_KOL_SCORE_THRESHOLD,
  /** All messages in the window, departed members' included (the replied share counts theirs too). */
  totalMessages = activity.reduce((s, a) => s + a.messages, 0),
): GroupStructure {
  const ranked = topKols(analysis.members, 3).map((m) => m.memberId);
  const departures = [simulateDeparture(graph, ranked.slice(0, 1)), simulateDeparture(graph, ranked.slice(0, 3))];
  return {
    nodes: graph.order,
    edges: graph.size,
    absenceFactor: absenceFactor(analysis.members.map((m) => m.metrics.weightedInDegree)),
    messageGini: gini(activity.map((a) => a.messages)),
    repliedShare: totalMessages ? Math.min(1, repliedMessages / totalMessages) : 0,
    reciprocity: reciprocity(graph),
    density: density(graph),
    largestComponentShare: componentSummary(graph).largestShare,
    survivalWithoutTop1: departures[0]!.largestShare,
    survivalWithoutTop3: departures[1]!.largestShare,
    departures,
    kolCount: analysis.members.filter((m) => m.rank > 0 && m.score >= kolScoreThreshold).length,
  };
}

/** Everything for one group: build the decayed graph, rank KOLs, flag spammers, measure structure. */
export function analyzeGroup(group: GroupInput, options: AnalyzeOptions): GroupAnalysis & { graph: AbstractGraph } {
  const input = presentOnly(group);
  const graph = buildInteractionGraph(input.interactions, input.activity.map((a) => a.memberId), options);
  const activity = new Map(input.activity.map((a) => [a.memberId, a]));
  const analysis = kolMetricsOfGraph(graph, options, activity, receivedCounts(input.interactions, options.asOf));
  const totalMessages = group.activity.reduce((s, a) => s + a.messages, 0);
  const structure = groupStructure(graph, analysis, input.activity, input.repliedMessages ?? 0, options.kolScoreThreshold, totalMessages);
  return { ...analysis, structure, graph };
}

export { receivedCounts };

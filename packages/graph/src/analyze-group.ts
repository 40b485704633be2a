import type { AbstractGraph } from 'graphology-types';
import { betweennessCsr, type BetweennessOptions } from './betweenness.js';
import { buildInteractionCsr, type BuildOptions, type InteractionBuild } from './build.js';
import { componentsCsr, simulateDepartureCsr, type DepartureResult } from './components.js';
import { corenessCsr } from './coreness.js';
import type { CsrGraph } from './csr.js';
import { csrFromGraph } from './csr-graphology.js';
import { pagerankCsr, type PagerankOptions } from './pagerank.js';
import { isKnownBot, postsOnlyNotices } from './bots.js';
import { compositeScoreList, DEFAULT_SCORE_WEIGHTS, rankList, type ScoreWeights } from './score.js';
import { DEFAULT_SPAM_RULE, isSpammer, type SpamRule } from './spam.js';
import { absenceFactor, densityCsr, gini, reciprocityCsr, weightedInDegreeCsr } from './structure.js';
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

export interface ReceivedCounts {
  /** Interactions received per node (raw count, every type). */
  total: Float64Array;
  repliesReceived: Float64Array;
  /** Interactions given per node (raw count, every type); absent when unknown. */
  given?: Float64Array;
}

/** Interactions each node received, from the records a graph was built from (no string lookups). */
export function receivedOfBuild(interactions: readonly InteractionRecord[], build: InteractionBuild): ReceivedCounts {
  const n = build.graph.n;
  const total = new Float64Array(n);
  const repliesReceived = new Float64Array(n);
  const given = new Float64Array(n);
  for (let i = 0; i < interactions.length; i++) {
    const to = build.recordTo[i]!;
    if (to < 0) continue;
    const r = interactions[i]!;
    const count = r.count ?? 1;
    total[to]! += count;
    given[build.recordFrom[i]!]! += count;
    if (r.kind === 'reply') repliesReceived[to]! += count;
  }
  return { total, repliesReceived, given };
}

/**
 * Each node's activity record (the last one given for a member), undefined for nodes without one.
 * `nodes[i]` is the node of `activity[i]` when the graph was built from these members; otherwise
 * each member is looked up.
 */
export function activityByNode(graph: CsrGraph, activity: readonly MemberActivity[], nodes?: Int32Array): (MemberActivity | undefined)[] {
  const byNode = new Array<MemberActivity | undefined>(graph.n).fill(undefined);
  for (let i = 0; i < activity.length; i++) {
    const v = nodes ? nodes[i] : graph.index.get(activity[i]!.memberId);
    if (v !== undefined) byNode[v] = activity[i];
  }
  return byNode;
}

/**
 * KOL metrics on the CSR graph: every kernel over typed arrays, then the score and ranks.
 * `activity` (by node) and `received` feed the spam rule; members without activity are never spammers.
 */
export function kolMetricsOfCsr(
  graph: CsrGraph,
  options: Omit<AnalyzeOptions, 'asOf'> = {},
  activity: readonly (MemberActivity | undefined)[] = [],
  received?: ReceivedCounts,
): KolAnalysis {
  return kolMetricsByNode(graph, options, activity, received).analysis;
}

/** `kolMetricsOfCsr`, with the node of each entry of `analysis.members`. */
export function kolMetricsByNode(
  graph: CsrGraph,
  options: Omit<AnalyzeOptions, 'asOf'> = {},
  activity: readonly (MemberActivity | undefined)[] = [],
  received?: ReceivedCounts,
): { analysis: KolAnalysis; nodes: Int32Array } {
  const n = graph.n;
  const pr = pagerankCsr(graph, options.pagerank);
  const bc = betweennessCsr(graph, options.betweenness);
  const core = corenessCsr(graph);
  const inWeight = weightedInDegreeCsr(graph);
  const rule = options.spam ?? DEFAULT_SPAM_RULE;
  const metrics: KolMetrics[] = new Array(n);
  const spammer = new Uint8Array(n);
  const eligible = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const total = received ? received.total[v]! : 0;
    const act = activity[v];
    metrics[v] = {
      weightedInDegree: inWeight[v]!,
      pagerank: pr[v]!,
      betweenness: bc.values[v]!,
      coreness: core[v]!,
      messages: act?.messages ?? 0,
      received: total,
      repliesReceived: received ? received.repliesReceived[v]! : 0,
    };
    if (act && isSpammer(act, total, rule)) spammer[v] = 1;
  }
  for (const id of options.spammers ?? []) {
    const v = graph.index.get(id);
    if (v !== undefined) spammer[v] = 1;
  }
  // Bots and the tenant's listed bot and staff accounts are not ranked either (nor set the scale).
  const excludedAs: Array<MemberKol['excludedAs']> = new Array(n);
  for (let v = 0; v < n; v++) {
    if (spammer[v]) continue;
    const id = graph.ids[v]!;
    const act = activity[v];
    if (options.excluded?.has(id)) excludedAs[v] = 'listed';
    else if (isKnownBot(id) || (act && received?.given && postsOnlyNotices(act, received.given[v]!))) excludedAs[v] = 'bot';
  }
  for (let v = 0; v < n; v++) eligible[v] = spammer[v] || excludedAs[v] ? 0 : 1;
  const scores = compositeScoreList(metrics, eligible, options.scoreWeights ?? DEFAULT_SCORE_WEIGHTS);
  const ranks = rankList(graph.ids, scores, eligible);
  const members: MemberKol[] = new Array(n);
  for (let v = 0; v < n; v++) {
    members[v] = {
      memberId: graph.ids[v]!, metrics: metrics[v]!, score: scores[v]!, rank: ranks[v]!, isSpammer: spammer[v] === 1,
      ...(excludedAs[v] ? { excludedAs: excludedAs[v] } : {}),
    };
  }
  // Ranked members by rank, then the unranked (spammers, bots, listed accounts) by id.
  const order = Array.from({ length: n }, (_, v) => v).sort((a, b) =>
    (ranks[a] === 0 ? 1 : 0) - (ranks[b] === 0 ? 1 : 0) || ranks[a]! - ranks[b]! || (graph.ids[a]! < graph.ids[b]! ? -1 : 1));
  return { analysis: { members: order.map((v) => members[v]!), betweennessMode: bc.mode }, nodes: Int32Array.from(order) };
}

interface Received { total: number; replies: number }

/**
 * KOL metrics on a graphology graph (used directly for published graphs such as the karate club):
 * converted once to CSR, then `kolMetricsOfCsr`.
 */
export function kolMetricsOfGraph(
  graph: AbstractGraph,
  options: Omit<AnalyzeOptions, 'asOf'> = {},
  activity: ReadonlyMap<string, MemberActivity> = new Map(),
  received: ReadonlyMap<string, Received> = new Map(),
): KolAnalysis {
  const csr = csrFromGraph(graph);
  const counts: ReceivedCounts = { total: new Float64Array(csr.n), repliesReceived: new Float64Array(csr.n) };
  for (const [member, got] of received) {
    const v = csr.index.get(member);
    if (v !== undefined) { counts.total[v] = got.total; counts.repliesReceived[v] = got.replies; }
  }
  return kolMetricsOfCsr(csr, options, activityByNode(csr, [...activity.values()]), counts);
}

/** Top-k ranked (non-spammer) members, most central first. */
export function topKols(members: readonly MemberKol[], k: number): MemberKol[] {
  return members.filter((m) => m.rank > 0).slice(0, k);
}

export function groupStructure(
  graph: CsrGraph,
  analysis: KolAnalysis,
  activity: readonly MemberActivity[],
  repliedMessages: number,
  kolScoreThreshold = DEFAULT_KOL_SCORE_THRESHOLD,
  /** All messages in the window, departed members' included (the replied share counts theirs too). */
  totalMessages = activity.reduce((s, a) => s + a.messages, 0),
): GroupStructure {
  const ranked = topKols(analysis.members, 3).map((m) => m.memberId);
  const departures = [simulateDepartureCsr(graph, ranked.slice(0, 1)), simulateDepartureCsr(graph, ranked.slice(0, 3))];
  return {
    nodes: graph.n,
    edges: graph.m,
    absenceFactor: absenceFactor(analysis.members.map((m) => m.metrics.weightedInDegree)),
    messageGini: gini(activity.map((a) => a.messages)),
    repliedShare: totalMessages ? Math.min(1, repliedMessages / totalMessages) : 0,
    reciprocity: reciprocityCsr(graph),
    density: densityCsr(graph),
    largestComponentShare: componentsCsr(graph).largestShare,
    survivalWithoutTop1: departures[0]!.largestShare,
    survivalWithoutTop3: departures[1]!.largestShare,
    departures,
    kolCount: analysis.members.filter((m) => m.rank > 0 && m.score >= kolScoreThreshold).length,
  };
}

/**
 * Everything for one group: build the decayed graph, rank KOLs, flag spammers, measure structure.
 * `graph` is the CSR graph the kernels ran on (`csrToGraph` turns it into a graphology graph).
 */
export function analyzeGroup(group: GroupInput, options: AnalyzeOptions): GroupAnalysis & { graph: CsrGraph } {
  // What `presentOnly` does, without copying the records: the build skips those of departed members.
  const gone = group.departed?.length ? new Set(group.departed) : undefined;
  const activity = gone ? group.activity.filter((a) => !gone.has(a.memberId)) : group.activity;
  const build = buildInteractionCsr(group.interactions, activity.map((a) => a.memberId), { ...options, exclude: gone });
  const graph = build.graph;
  const analysis = kolMetricsOfCsr(graph, options, activityByNode(graph, activity, build.memberNodes), receivedOfBuild(group.interactions, build));
  const totalMessages = group.activity.reduce((s, a) => s + a.messages, 0);
  const structure = groupStructure(graph, analysis, activity, group.repliedMessages ?? 0, options.kolScoreThreshold, totalMessages);
  return { ...analysis, structure, graph };
}

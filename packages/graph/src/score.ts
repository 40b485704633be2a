import type { KolMetrics } from './types.js';

/** Weights of the composite KOL score; they sum to 1 so the score stays in [0, 1]. */
export interface ScoreWeights {
  pagerank: number;
  weightedInDegree: number;
  betweenness: number;
  coreness: number;
  /** Interaction drawn per message posted. */
  responsiveness: number;
  /** Messages posted, log-scaled: the steady presence that answers questions. */
  activity: number;
}

export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = {
  pagerank: 0.4,
  weightedInDegree: 0,
  betweenness: 0.1,
  coreness: 0.1,
  responsiveness: 0.2,
  activity: 0.2,
};

/**
 * Interactions received per message, shrunk towards zero for members who posted little (as if they
 * had posted `RESPONSIVENESS_PRIOR_MESSAGES` more messages that drew nothing), so one lucky message
 * does not outrank a steady contributor.
 */
export const RESPONSIVENESS_PRIOR_MESSAGES = 10;

export function responsiveness(m: Pick<KolMetrics, 'received' | 'messages'>): number {
  return m.received / (m.messages + RESPONSIVENESS_PRIOR_MESSAGES);
}

const SCORED = ['pagerank', 'weightedInDegree', 'betweenness', 'coreness', 'responsiveness', 'activity'] as const;
const scored = (m: KolMetrics, k: (typeof SCORED)[number]) =>
  (k === 'responsiveness' ? responsiveness(m) : k === 'activity' ? Math.log1p(m.messages) : m[k]);

/**
 * score = Σ weight_m · metric_m / max(metric_m), over the members eligible for ranking (spammers
 * excluded, so they can't set the scale either). A metric that is 0 for everyone contributes 0.
 * Members are given by position; ineligible ones score 0.
 */
export function compositeScoreList(metrics: readonly KolMetrics[], eligible: ArrayLike<boolean | number>, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS): Float64Array {
  const max = { pagerank: 0, weightedInDegree: 0, betweenness: 0, coreness: 0, responsiveness: 0, activity: 0 };
  for (let i = 0; i < metrics.length; i++) {
    if (!eligible[i]) continue;
    for (const k of SCORED) max[k] = Math.max(max[k], scored(metrics[i]!, k));
  }
  const scores = new Float64Array(metrics.length);
  for (let i = 0; i < metrics.length; i++) {
    if (!eligible[i]) continue;
    let score = 0;
    for (const k of SCORED) if (max[k] > 0) score += weights[k] * (scored(metrics[i]!, k) / max[k]);
    scores[i] = score;
  }
  return scores;
}

/** Ranks 1..n by score (ties broken by member id so ranks are stable); ineligible members get 0. Members by position. */
export function rankList(ids: readonly string[], scores: ArrayLike<number>, eligible: ArrayLike<boolean | number>): Int32Array {
  const order: number[] = [];
  for (let i = 0; i < ids.length; i++) if (eligible[i]) order.push(i);
  order.sort((a, b) => scores[b]! - scores[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const ranks = new Int32Array(ids.length);
  order.forEach((i, r) => { ranks[i] = r + 1; });
  return ranks;
}

/** `compositeScoreList` over a map of members. */
export function compositeScores(
  metrics: ReadonlyMap<string, KolMetrics>,
  eligible: (memberId: string) => boolean,
  weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
): Map<string, number> {
  const ids = [...metrics.keys()];
  const scores = compositeScoreList([...metrics.values()], ids.map(eligible), weights);
  return new Map(ids.map((id, i) => [id, scores[i]!]));
}

/** `rankList` over a map of scores. */
export function rankByScore(scores: ReadonlyMap<string, number>, eligible: (memberId: string) => boolean): Map<string, number> {
  const ids = [...scores.keys()];
  const ranks = rankList(ids, [...scores.values()], ids.map(eligible));
  return new Map(ids.map((id, i) => [id, ranks[i]!]));
}

import type { KolMetrics } from './types.js';

/** Weights of the composite KOL score; they sum to 1 so the score stays in [0, 1]. */
export interface ScoreWeights {
  pagerank: number;
  weightedInDegree: number;
  betweenness: number;
  coreness: number;
}

export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = {
  pagerank: 0.35,
  weightedInDegree: 0.3,
  betweenness: 0.2,
  coreness: 0.15,
};

/**
 * score = Σ weight_m · metric_m / max(metric_m), over the members eligible for ranking (spammers
 * excluded, so they can't set the scale either). A metric that is 0 for everyone contributes 0.
 */
export function compositeScores(
  metrics: ReadonlyMap<string, KolMetrics>,
  eligible: (memberId: string) => boolean,
  weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
): Map<string, number> {
  const keys = ['pagerank', 'weightedInDegree', 'betweenness', 'coreness'] as const;
  const max = { pagerank: 0, weightedInDegree: 0, betweenness: 0, coreness: 0 };
  for (const [member, m] of metrics) {
    if (!eligible(member)) continue;
    for (const k of keys) max[k] = Math.max(max[k], m[k]);
  }
  const scores = new Map<string, number>();
  for (const [member, m] of metrics) {
    if (!eligible(member)) { scores.set(member, 0); continue; }
    let score = 0;
    for (const k of keys) if (max[k] > 0) score += weights[k] * (m[k] / max[k]);
    scores.set(member, score);
  }
  return scores;
}

/** Ranks 1..n by score (ties broken by member id so ranks are stable); ineligible members get 0. */
export function rankByScore(scores: ReadonlyMap<string, number>, eligible: (memberId: string) => boolean): Map<string, number> {
  const ordered = [...scores].filter(([m]) => eligible(m)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const ranks = new Map<string, number>();
  for (const [member] of scores) ranks.set(member, 0);
  ordered.forEach(([member], i) => ranks.set(member, i + 1));
  return ranks;
}

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

/**
 * score = Σ weight_m · metric_m / max(metric_m), over the members eligible for ranking (spammers
 * excluded, so they can't set the scale either). A metric that is 0 for everyone contributes 0.
 */
export function compositeScores(
  metrics: ReadonlyMap<string, KolMetrics>,
  eligible: (memberId: string) => boolean,
  weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
): Map<string, number> {
  const keys = ['pagerank', 'weightedInDegree', 'betweenness', 'coreness', 'responsiveness', 'activity'] as const;
  const value = (m: KolMetrics, k: (typeof keys)[number]) => (k === 'responsiveness' ? responsiveness(m) : k === 'activity' ? Math.log1p(m.messages) : m[k]);
  const max = { pagerank: 0, weightedInDegree: 0, betweenness: 0, coreness: 0, responsiveness: 0, activity: 0 };
  for (const [member, m] of metrics) {
    if (!eligible(member)) continue;
    for (const k of keys) max[k] = Math.max(max[k], value(m, k));
  }
  const scores = new Map<string, number>();
  for (const [member, m] of metrics) {
    if (!eligible(member)) { scores.set(member, 0); continue; }
    let score = 0;
    for (const k of keys) if (max[k] > 0) score += weights[k] * (value(m, k) / max[k]);
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

// Scoring the rules against ground truth: 3-class macro-F1 of status, and early warning
// (precision, recall and lead time of `dying` for groups that are dead 28 days later).
import type { HealthStatus } from './types.js';

export type HealthClass = 'healthy' | 'at_risk' | 'dead';

/** thriving and stable are healthy, declining and dying at risk; `new` has no class (too young to judge). */
export function healthClass(status: HealthStatus): HealthClass | null {
  switch (status) {
    case 'thriving': case 'stable': return 'healthy';
    case 'declining': case 'dying': return 'at_risk';
    case 'dead': return 'dead';
    case 'new': return null;
  }
}

export interface ClassScore { precision: number; recall: number; f1: number; support: number }

export interface ClassificationReport {
  macroF1: number;
  perClass: Record<HealthClass, ClassScore>;
  /** confusion[truth][predicted] */
  confusion: Record<HealthClass, Record<HealthClass, number>>;
  scored: number;
}

const CLASSES: readonly HealthClass[] = ['healthy', 'at_risk', 'dead'];

/** Pairs whose truth or prediction is `new` are left out: neither side claims a class for them. */
export function classificationReport(pairs: ReadonlyArray<{ truth: HealthStatus; predicted: HealthStatus }>): ClassificationReport {
  const confusion = Object.fromEntries(CLASSES.map((t) => [t, Object.fromEntries(CLASSES.map((p) => [p, 0]))])) as ClassificationReport['confusion'];
  let scored = 0;
  for (const { truth, predicted } of pairs) {
    const t = healthClass(truth);
    const p = healthClass(predicted);
    if (!t || !p) continue;
    confusion[t][p] += 1;
    scored += 1;
  }
  const perClass = {} as Record<HealthClass, ClassScore>;
  for (const c of CLASSES) {
    const tp = confusion[c][c];
    const predicted = CLASSES.reduce((n, t) => n + confusion[t][c], 0);
    const support = CLASSES.reduce((n, p) => n + confusion[c][p], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    perClass[c] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  }
  const present = CLASSES.filter((c) => perClass[c].support > 0);
  const macroF1 = present.length ? present.reduce((n, c) => n + perClass[c].f1, 0) / present.length : 0;
  return { macroF1, perClass, confusion, scored };
}

/** One group at one cut time T: what the rules said at T, and when (if ever) the group went dead. */
export interface WarningObservation {
  groupId: string;
  cutAt: number;
  status: HealthStatus;
  /** Epoch ms at which the group became dead (14 days after its last human message), or null if it never did. */
  deadAt: number | null;
  /** Epoch ms of the last human message, for the lead time to silence. */
  silentFrom: number | null;
}

export interface EarlyWarningReport {
  horizonDays: number;
  /** Cut/group pairs that were alive (not dead, not new) at the cut. */
  evaluated: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Median days from the first `dying` warning to the day the group was dead. */
  medianLeadDaysToDead: number | null;
  /** Median days from the first `dying` warning to the last human message (negative: warned after it fell silent). */
  medianLeadDaysToSilence: number | null;
}

const DAY = 86_400_000;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * Precision and recall of `dying` at each cut T for groups dead by T + horizon, over every cut/group
 * pair alive at T. Lead time per group that died and was warned: from the earliest cut at which it
 * was `dying` (within the horizon before its death) to its death.
 */
export function earlyWarningReport(observations: readonly WarningObservation[], horizonDays = 28): EarlyWarningReport {
  let tp = 0, fp = 0, fn = 0, evaluated = 0;
  const firstWarning = new Map<string, WarningObservation>();
  for (const o of observations) {
    if (o.status === 'new' || o.status === 'dead') continue;
    if (o.deadAt !== null && o.deadAt <= o.cutAt) continue;
    evaluated += 1;
    const diesSoon = o.deadAt !== null && o.deadAt <= o.cutAt + horizonDays * DAY;
    const warned = o.status === 'dying';
    if (warned && diesSoon) {
      tp += 1;
      const prev = firstWarning.get(o.groupId);
      if (!prev || o.cutAt < prev.cutAt) firstWarning.set(o.groupId, o);
    } else if (warned) fp += 1;
    else if (diesSoon) fn += 1;
  }
  const toDead = [...firstWarning.values()].map((o) => (o.deadAt! - o.cutAt) / DAY);
  const toSilence = [...firstWarning.values()].filter((o) => o.silentFrom !== null).map((o) => (o.silentFrom! - o.cutAt) / DAY);
  return {
    horizonDays,
    evaluated,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    medianLeadDaysToDead: median(toDead),
    medianLeadDaysToSilence: median(toSilence),
  };
}

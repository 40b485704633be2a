// The recompute steps, in the order they run. Each step reads chat_events (and the tables of the
// steps before it) for the touched groups and writes its own tables.
import type { RecomputeStep } from './context.js';
import type { AnalyticsEnv } from './env.js';
import { DEFAULT_KOL_CONFIG } from './kol/compute.js';
import { createKolStep, kolStep } from './kol/step.js';
import { activityStep, healthStep, retentionStep } from './health/steps.js';
import { fissionStep } from './fission/step.js';
import { slaStep } from './sla/step.js';

// kol first: the activity step reads its spammer flags; fission reads retention, and health reads
// fission.
export const RECOMPUTE_STEPS: RecomputeStep[] = [kolStep, activityStep, retentionStep, fissionStep, slaStep, healthStep];

/**
 * The steps run for groups touched during the day: all but the KOL graph, whose tenant-wide graph is
 * rebuilt once per day by the daily judgement (health reads the latest snapshot meanwhile), and
 * fission, which moves only with arrivals and is placed once per day too (health reads the latest).
 */
const DAILY_ONLY = new Set(['kol', 'fission']);

export function refreshStepsOf(steps: readonly RecomputeStep[]): RecomputeStep[] {
  return steps.filter((s) => !DAILY_ONLY.has(s.name));
}

/** The same steps with the KOL graph settings from the environment. */
export function recomputeStepsFor(env: Pick<AnalyticsEnv, 'KOL_HALF_LIFE_DAYS' | 'KOL_BETWEENNESS_EXACT_MAX_MEMBERS'>): RecomputeStep[] {
  const kol = createKolStep({ ...DEFAULT_KOL_CONFIG, halfLifeDays: env.KOL_HALF_LIFE_DAYS, betweennessExactMaxNodes: env.KOL_BETWEENNESS_EXACT_MAX_MEMBERS });
  return RECOMPUTE_STEPS.map((s) => (s === kolStep ? kol : s));
}

// The recompute steps, in the order they run. Each step reads chat_events (and the tables of the
// steps before it) for the touched groups and writes its own tables.
import { DEFAULT_SEGMENT_RULES } from '@qunpulse/health';
import type { RecomputeStep } from './context.js';
import type { AnalyticsEnv } from './env.js';
import { DEFAULT_KOL_CONFIG } from './kol/compute.js';
import { createKolStep, kolStep } from './kol/step.js';
import { activityStep, healthStep, retentionStep } from './health/steps.js';
import { fissionStep } from './fission/step.js';
import { slaStep } from './sla/step.js';
import { peersStep } from './peers/compute.js';
import { createSegmentStep, segmentStep } from './segments/step.js';

// kol first: the activity step reads its spammer and bot flags, the segment step its ranks; fission
// reads retention, and health reads fission; peers after health, whose verdicts it compares.
export const RECOMPUTE_STEPS: RecomputeStep[] = [kolStep, activityStep, retentionStep, fissionStep, slaStep, healthStep, segmentStep, peersStep];

/**
 * The steps run for groups touched during the day: all but the KOL graph, whose tenant-wide graph is
 * rebuilt once per day by the daily judgement (health reads the latest snapshot meanwhile), fission,
 * which moves only with arrivals and is placed once per day too (health reads the latest), member
 * segments (judged daily) and the peer comparison (which needs every group of the tenant judged).
 */
const DAILY_ONLY: ReadonlySet<string> = new Set(['kol', 'fission', 'segments', 'peers']);

export function refreshStepsOf(steps: readonly RecomputeStep[]): RecomputeStep[] {
  return steps.filter((s) => !DAILY_ONLY.has(s.name));
}

/** The same steps with the KOL graph and segment settings from the environment. */
export function recomputeStepsFor(env: Pick<AnalyticsEnv, 'KOL_HALF_LIFE_DAYS' | 'KOL_BETWEENNESS_EXACT_MAX_MEMBERS' | 'SEGMENT_CHURN_SILENT_DAYS'>): RecomputeStep[] {
  const kol = createKolStep({ ...DEFAULT_KOL_CONFIG, halfLifeDays: env.KOL_HALF_LIFE_DAYS, betweennessExactMaxNodes: env.KOL_BETWEENNESS_EXACT_MAX_MEMBERS });
  const segments = createSegmentStep({ ...DEFAULT_SEGMENT_RULES, churnSilentDays: env.SEGMENT_CHURN_SILENT_DAYS });
  return RECOMPUTE_STEPS.map((s) => (s === kolStep ? kol : s === segmentStep ? segments : s));
}

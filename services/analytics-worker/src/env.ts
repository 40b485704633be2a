import { z } from 'zod';
import { DEFAULT_SEGMENT_RULES, MAX_CHURN_SILENT_DAYS } from '@qunpulse/health';
import { envVar, parseEnv } from '@qunpulse/runtime';

export const analyticsEnvSchema = z.object({
  /** How often touched groups are recomputed, in milliseconds (0: on demand only). */
  ANALYTICS_INTERVAL_MS: envVar.int({ min: 0, max: 86_400_000 }).default(60_000),
  /** `wall`: "now" is the clock (live data); `data`: the latest stored event (replays, imports). */
  ANALYTICS_CLOCK: z.enum(['wall', 'data'], { error: 'must be wall or data' }).default('wall'),
  /** Half-life of an interaction's weight in the member graph, in days. */
  KOL_HALF_LIFE_DAYS: envVar.int({ min: 1, max: 3_650 }).default(30),
  /** Groups up to this many members get exact betweenness; larger ones are sampled. */
  KOL_BETWEENNESS_EXACT_MAX_MEMBERS: envVar.int({ min: 10, max: 1_000_000 }).default(2_000),
  /** A member who spoke before and has been silent this many days is `churned`. */
  SEGMENT_CHURN_SILENT_DAYS: envVar.int({ min: 7, max: MAX_CHURN_SILENT_DAYS }).default(DEFAULT_SEGMENT_RULES.churnSilentDays),
});

export type AnalyticsEnv = z.output<typeof analyticsEnvSchema>;

export function readAnalyticsEnv(source?: Record<string, string | undefined>): AnalyticsEnv {
  return parseEnv(analyticsEnvSchema, source);
}

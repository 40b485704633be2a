import { z } from 'zod';

/** The numbers behind each rule; the defaults come from how groups are usually run, not from data fitting. */
export const thresholdsSchema = z.object({
  /** Leaves in the last 7 days must be at least this multiple of the baseline… */
  churnSpikeRatio: z.number().positive().default(2),
  /** …and at least this many members, so one leaver in a quiet group is not a spike. */
  churnSpikeMinLeaves: z.number().int().positive().default(5),
  /** Ads are at least this share of all messages in the last 7 days… */
  adShare: z.number().min(0).max(1).default(0.3),
  /** …and at least this multiple of the baseline. */
  adSurgeRatio: z.number().positive().default(2),
  adSurgeMinMessages: z.number().int().positive().default(10),
  /** At least this many newcomers in 7 days, and fewer than this share of them welcomed. */
  newcomersMin: z.number().int().positive().default(3),
  newcomersWelcomedShare: z.number().min(0).max(1).default(0.3),
  /** KOLs ranked at most this high count as departed KOLs. */
  kolTopRank: z.number().int().positive().default(3),
});

export type Thresholds = z.output<typeof thresholdsSchema>;
export const DEFAULT_THRESHOLDS: Thresholds = thresholdsSchema.parse({});

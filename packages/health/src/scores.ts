// Sub-scores, 0–100 each, reported as their own series: activity, retention, growth, structure.
import type { Signals } from './signals.js';
import { worstRatio } from './reasons.js';
import type { GroupHealthInput, Reason, ReasonCode } from './types.js';
import { THRESHOLDS as T } from './thresholds.js';

const clamp = (v: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, v));
const to100 = (share: number) => Math.round(clamp(share) * 100);

/** Trend (last 7 days against before) and level (share of members who talk, days with talk). */
export function activityScore(s: Signals): number {
  if (s.silentDays >= T.deadSilentDays) return 0;
  const ratio = worstRatio(s);
  const trend = ratio === null ? (s.messages7d > 0 ? 0.6 : 0) : clamp(ratio);
  const participation = s.members > 0 ? clamp(s.active7d / s.members / 0.25) : 0;
  const regularity = s.talkDays7d / 7;
  const silencePenalty = clamp(s.silentDays / T.deadSilentDays);
  return to100((0.5 * trend + 0.3 * participation + 0.2 * regularity) * (1 - silencePenalty));
}

/** Day-7 retention of newcomers when enough of them can be judged; else how many of the month's speakers spoke this week. */
export function retentionScore(s: Signals, input: GroupHealthInput): number {
  const r = input.retention;
  if (r && r.eligibleD7 >= T.retentionMinEligible) {
    const d7 = r.retainedD7 / r.eligibleD7;
    const silent = r.memberships ? r.silentChurned / r.memberships : 0;
    return to100(d7 / 0.5 - silent * 0.5);
  }
  return s.active28d > 0 ? to100(s.active7d / s.active28d / 0.7) : 0;
}

/** Net joins over 28 days relative to the group: 50 is flat, 100 is +10% or more. */
export function growthScore(s: Signals): number {
  const base = Math.max(s.members28dAgo, 1);
  const net = (s.joins28d - s.leaves28d) / base;
  return Math.round(50 + 50 * clamp(net / 0.1, -1, 1));
}

const STRUCTURE_PENALTIES: Partial<Record<ReasonCode, number>> = {
  no_core_members: 40, kol_departed: 30, ads_dominate: 30, red_packet_only: 20, staff_monologue: 40, newcomers_ignored: 20,
  members_leaving: 20, low_retention: 10,
};

/** Whether the group has people who carry it, and whether ads, red packets or leavers crowd them out. */
export function structureScore(s: Signals, reasons: readonly Reason[], input: GroupHealthInput): number {
  let score = 100;
  for (const r of reasons) score -= STRUCTURE_PENALTIES[r.code] ?? 0;
  const top = input.structure?.topSpeakerShare ?? 0;
  if (top > 0.5) score -= Math.round((top - 0.5) * 60);
  if (s.members > 0 && s.active28d === 0) score -= 30;
  return Math.max(0, Math.min(100, score));
}

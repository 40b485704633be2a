// The verdict: status, health score and reasons for one group as of one moment.
import { detectReasons, worstRatio } from './reasons.js';
import { fissionReason } from './fission-reason.js';
import { activityScore, growthScore, retentionScore, structureScore } from './scores.js';
import { computeSignals, type Signals } from './signals.js';
import { THRESHOLDS as T } from './thresholds.js';
import type { GroupHealthInput, HealthAssessment, HealthStatus, Reason, ReasonCode } from './types.js';

/** Signals about who carries the group and what fills it; two of them make a group at risk. */
const STRUCTURAL: ReadonlySet<ReasonCode> = new Set([
  'kol_departed', 'no_core_members', 'ads_dominate', 'red_packet_only', 'staff_monologue', 'newcomers_ignored', 'members_leaving',
]);

/** Structural signals that turn a collapse of activity into dying. */
const ACCELERANTS: ReadonlySet<ReasonCode> = new Set(['kol_departed', 'members_leaving', 'ads_dominate', 'red_packet_only']);

export function decideStatus(s: Signals, reasons: readonly Reason[], healthScore: number): HealthStatus {
  if (s.ageDays < T.newDays) return 'new';
  if (s.silentDays >= T.deadSilentDays) return 'dead';
  const has = (c: ReasonCode) => reasons.some((r) => r.code === c);
  const structural = reasons.filter((r) => STRUCTURAL.has(r.code)).length;
  const worst = worstRatio(s);
  // Members silent while staff talk: the group is not alive, however busy its staff are.
  if (has('going_silent') || has('heading_to_silence') || has('staff_monologue')) return 'dying';
  if (worst !== null && worst < T.severeCollapseRatio) return 'dying';
  if (has('activity_collapse') && reasons.some((r) => ACCELERANTS.has(r.code))) return 'dying';
  // A key member gone while the conversation falls: the classic way a group dies — unless the
  // member carried only a small share of a big community's interaction, which survives the loss.
  const pivotalLoss = reasons.some((r) => r.code === 'kol_departed' && (r.evidence.priorShare ?? 0) >= T.pivotalKolShare);
  if (has('activity_declining') && pivotalLoss) return 'dying';
  if (has('activity_collapse') || has('activity_declining') || structural >= 2) return 'declining';
  return healthScore >= T.thrivingScore ? 'thriving' : 'stable';
}

/** Scores never contradict the status: a dead group cannot score like a healthy one. */
const STATUS_CAP: Record<HealthStatus, number> = { dead: 5, dying: 30, declining: 55, stable: 100, thriving: 100, new: 100 };

export function assessGroup(input: GroupHealthInput): HealthAssessment {
  const s = computeSignals(input);
  const reasons = detectReasons(s, input);
  const activity = activityScore(s);
  const retention = retentionScore(s, input);
  const growth = growthScore(s);
  const structure = structureScore(s, reasons, input);
  const combined = Math.round(0.4 * activity + 0.2 * retention + 0.15 * growth + 0.25 * structure);
  const status = decideStatus(s, reasons, combined);
  const why = fissionReason(status, input);
  if (why) reasons.push(why);
  return {
    groupId: input.groupId,
    status,
    healthScore: Math.min(combined, STATUS_CAP[status]),
    growthScore: growth,
    retentionScore: retention,
    activityScore: activity,
    structureScore: structure,
    members: s.members,
    activeMembers7d: s.active7d,
    messages7d: s.messages7d,
    reasons,
  };
}

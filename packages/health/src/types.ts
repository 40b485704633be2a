// Inputs and outputs of the group-health rules. Plain data: the caller reads the warehouse, these
// functions only judge.
import type { HolidayCalendar } from './calendar.js';

export type HealthStatus = 'thriving' | 'stable' | 'declining' | 'dying' | 'dead' | 'new';

export const HEALTH_STATUSES: readonly HealthStatus[] = ['thriving', 'stable', 'declining', 'dying', 'dead', 'new'];

/** One day of a group's activity (a row of group_activity_daily). Days are `YYYY-MM-DD` in the tenant's time zone. */
export interface ActivityDay {
  day: string;
  /** Members at the end of the day. */
  members: number;
  /**
   * Messages of the community's members talking to people: not staff, not bots, not system, not
   * ads, not red packets or their replies.
   */
  humanMessages: number;
  /** Messages of the tenant's listed staff (counted apart from the members'); 0 when unknown. */
  staffMessages?: number;
  systemMessages: number;
  adMessages: number;
  redPacketMessages: number;
  /** Messages answering a red packet ("thanks boss"), which are not conversation. */
  redPacketReplies: number;
  speakers: number;
  /** Distinct human speakers in the 7 / 28 days ending on this day. */
  active7d: number;
  active28d: number;
  /** Members whose messages drew a reply from someone else on this day. */
  contentProducers: number;
  /** Share of this day's human messages answered by someone else. */
  replyRate: number;
  /** Members who joined on this day, and how many of them were answered within 24 h. */
  newcomers: number;
  newcomersWelcomed: number;
  joins: number;
  leaves: number;
}

/** Memberships that began in the 90 days before as-of, and what became of them. */
export interface RetentionSummary {
  /** Memberships old enough to judge day-7 / day-30 retention, and how many were retained. */
  eligibleD7: number;
  retainedD7: number;
  eligibleD30: number;
  retainedD30: number;
  /** Members who left, and members who stayed but stopped speaking (spoke before, silent 14 days). */
  churned: number;
  silentChurned: number;
  /** Memberships counted (joined in the window). */
  memberships: number;
}

/** A member who carried the group's conversation in the 28 days before the last 7, and is gone. */
export interface DepartedKol {
  memberId: string;
  /** `left`: member_left; `silent`: still a member, no message in the last 7 days. */
  how: 'left' | 'silent';
  /** Share of the group's interactions (replies and mentions given and received) the member held before. */
  priorShare: number;
  /** Epoch ms of the departure (leave time, or last message for `silent`). */
  at: number;
}

export interface StructureSignals {
  /** Members who both speak regularly and are answered by several others in the last 28 days. */
  coreMembers: number;
  /** Share of the last 28 days' human messages posted by the single most active member. */
  topSpeakerShare: number;
  departedKols: DepartedKol[];
}

/**
 * How a tenant's groups as a whole moved over the same windows as the group judged: the median,
 * over the tenant's groups with a baseline, of last-7-day activity ÷ that group's baseline.
 * Computed by `tenantMovement()` from every group's input.
 */
export interface TenantMovement {
  /** Groups that counted: 14+ days old, not silent for 14 days, both baselines big enough to compare. */
  groups: number;
  /** Median of human messages in the last 7 days ÷ the weekly average before; null when no group counted. */
  medianMessageRatio: number | null;
  /** Median of 7-day active members ÷ the average before; null when no group counted. */
  medianActiveRatio: number | null;
}

export interface GroupHealthInput {
  groupId: string;
  /** The moment the assessment is made; only data up to it may be passed in. */
  asOf: number;
  createdAt: number;
  /** Epoch ms of the last human message at or before as-of, or null when nobody ever talked. */
  lastHumanMessageAt: number | null;
  /** Daily activity ending on the as-of day; missing days count as zero activity. */
  days: ActivityDay[];
  /** The tenant's IANA time zone: where its days begin (default UTC). */
  timeZone?: string;
  retention?: RetentionSummary;
  structure?: StructureSignals;
  /** The tenant's holidays (`parseHolidayCalendar`); the built-in calendar when absent. */
  calendar?: HolidayCalendar;
  /** The tenant's movement over the same windows; absent, the group is judged against its own history only. */
  tenantMovement?: TenantMovement;
  /** How the group grew through invitations (`summarizeFission`); explains a verdict, never decides it. */
  fission?: FissionSignals;
}

export interface FissionSignals {
  invitations: number;
  deepInvitations: number;
  deepShare: number | null;
  maxDepth: number;
}

export const REASON_CODES = [
  'silent_14d',
  'going_silent',
  'heading_to_silence',
  'activity_collapse',
  'activity_declining',
  'kol_departed',
  'no_core_members',
  'ads_dominate',
  'red_packet_only',
  'staff_monologue',
  'newcomers_ignored',
  'members_leaving',
  'low_retention',
  'growing',
  'shallow_invitations',
  'deep_invitations',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** English sentence carrying the evidence numbers. */
  detail: string;
  /** The same numbers, for rendering the reason in other languages. */
  evidence: Record<string, number>;
}

export interface HealthAssessment {
  groupId: string;
  status: HealthStatus;
  /** 0–100. */
  healthScore: number;
  /** 0–100 each; reported as separate series beside the combined status. */
  growthScore: number;
  retentionScore: number;
  activityScore: number;
  structureScore: number;
  members: number;
  activeMembers7d: number;
  /** Human messages in the last 7 days. */
  messages7d: number;
  reasons: Reason[];
}

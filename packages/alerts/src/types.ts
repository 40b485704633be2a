// The vocabulary shared by rules, routing, rendering and the alerter.

export const ALERT_RULES = [
  'group_dying', 'group_died', 'kol_departed', 'churn_spike', 'ad_surge', 'newcomers_ignored', 'sla_breached',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CHANNEL_TYPES = ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** One KOL as seen in the member graph snapshot. */
export interface KolRef {
  memberId: string;
  rank: number;
  score: number;
}

/**
 * Everything the rules need to know about one group on one day, assembled by the alerter from the
 * health, activity, retention and KOL tables. Numbers over the last 7 days are compared with the
 * 7-day average of the 28 days before them.
 */
export interface GroupFacts {
  tenantId: string;
  platform: string;
  groupId: string;
  groupName: string;
  purpose: string;
  /** YYYY-MM-DD of the health computation. */
  day: string;
  status: string;
  /** Status on the previous computed day; undefined for a group seen for the first time. */
  previousStatus?: string;
  healthScore: number;
  members: number;
  activeMembers7d: number;
  messages7d: number;
  reasonCodes: string[];
  reasonDetails: string[];
  leaves7d: number;
  /** Average leaves per 7 days over the 28 days before the last 7. */
  leavesBaseline7d: number;
  adMessages7d: number;
  humanMessages7d: number;
  /** Average ad messages per 7 days over the 28 days before the last 7. */
  adBaseline7d: number;
  newcomers7d: number;
  newcomersWelcomed7d: number;
  /** Top KOLs of the earlier snapshot who left the group in the last 7 days. */
  departedKols: KolRef[];
  /** The most central members still in the group, best first. */
  remainingKols: KolRef[];
  /** Response times over the last 7 days, for groups whose tenant measures them. */
  sla?: SlaFacts;
}

/** A measured group's response times over the 7 days ending on the day (work-hour minutes). */
export interface SlaFacts {
  /** Whether the group misses its tenant's service level on the day, and did on the day before. */
  breached: boolean;
  breachedBefore: boolean;
  questions: number;
  answered: number;
  withinTarget: number;
  overdue: number;
  withinShare: number | null;
  targetMinutes: number;
  p50Minutes: number | null;
  p90Minutes: number | null;
}

export type Evidence = Record<string, number | string>;

export interface Alert {
  /** Stable for one rule, group and day: re-evaluating the same day never raises a second alert. */
  alertId: string;
  tenantId: string;
  platform: string;
  groupId: string;
  groupName: string;
  purpose: string;
  rule: AlertRule;
  severity: Severity;
  day: string;
  evidence: Evidence;
  /** Health reason codes of the day, for context in messages. */
  reasonCodes: string[];
  /** Members to ask to host the group (for kol_departed), best first. */
  suggestedHosts: string[];
}

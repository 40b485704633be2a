// Member segments: where each member stands in a group (or across a tenant's groups) on a day.
// One segment per member, from the first rule that applies, in this order: bot, staff, churned,
// fading, kol, newcomer, core, regular, lurker. The rules and their numbers are in the README.
import { DAY_MS } from './windows.js';

export const SEGMENTS = ['kol', 'core', 'regular', 'newcomer', 'lurker', 'fading', 'churned', 'staff', 'bot'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Core member: in the last 28 days spoke on this many days and was answered by this many others (health's core members too). */
export const CORE_MIN_DAYS = 3;
export const CORE_MIN_REPLIERS = 2;

export interface SegmentRules {
  /** A member who spoke before and has been silent this long has churned (as has one who left). */
  churnSilentDays: number;
  /** Members first seen this recently are newcomers. */
  newcomerDays: number;
  /** Ranks 1..kolTopRank on the group's latest KOL snapshot are the group's KOLs… */
  kolTopRank: number;
  /** …and ranks 1..tenantKolTopRank on the tenant-wide snapshot the tenant's. */
  tenantKolTopRank: number;
  /** Regular: spoke on at least this many days of the last 28. */
  regularMinDays: number;
  /**
   * Fading: was regular or better in the 28 days before the last 28 (at least `regularMinDays`
   * days and `fadingMinPriorMessages` messages), and the last 14 days' weekly pace is at most this
   * share of that period's.
   */
  fadingRatio: number;
  fadingMinPriorMessages: number;
}

export const DEFAULT_SEGMENT_RULES: Readonly<SegmentRules> = {
  churnSilentDays: 30,
  newcomerDays: 14,
  kolTopRank: 3,
  tenantKolTopRank: 10,
  regularMinDays: 2,
  fadingRatio: 0.5,
  fadingMinPriorMessages: 8,
};

/** Days of messages the rules read: the two 28-day periods, and silence up to the churn limit. */
export const SEGMENT_LOOKBACK_DAYS = 90;
/** The churn limit must fit in the lookback (silence longer than what was read cannot be seen). */
export const MAX_CHURN_SILENT_DAYS = SEGMENT_LOOKBACK_DAYS - 1;

/** What the rules read about one member in one scope (a group, or all of a tenant's groups). */
export interface MemberSegmentInput {
  /** The tenant's listed staff, or a bot (listed, named like one, or posting only automated notices). */
  role: 'staff' | 'bot' | null;
  /** Epoch ms of the member's first event in the scope. */
  firstSeenAt: number;
  /** Left the group (tenant-wide: every group of the scope) and did not come back. */
  left: boolean;
  /** Epoch ms of the member's last message within the lookback; null when none. */
  lastSpokeAt: number | null;
  /** Messages in the last 14 and 28 days, and in the 28 days before those. */
  messages14d: number;
  messages28d: number;
  messagesPrior28d: number;
  /** Days with a message among the last 28, and among the 28 before. */
  days28d: number;
  daysPrior28d: number;
  /** Distinct others who answered the member in the last 28 days. */
  repliers28d: number;
  /** Rank on the latest KOL snapshot; 0 when not ranked. */
  kolRank: number;
}

/** The scope a segment is judged in: one group, or all of a tenant's groups. */
export type SegmentScope = 'group' | 'tenant';

export function memberSegment(m: MemberSegmentInput, asOf: number, rules: SegmentRules = DEFAULT_SEGMENT_RULES, scope: SegmentScope = 'group'): Segment {
  if (m.role === 'bot') return 'bot';
  if (m.role === 'staff') return 'staff';
  if (m.left) return 'churned';
  if (m.lastSpokeAt !== null && asOf - m.lastSpokeAt >= rules.churnSilentDays * DAY_MS) return 'churned';
  if (isFading(m, rules)) return 'fading';
  // A rank can outlive speech (a silent group's graph still ranks its last voices): a KOL is one who
  // still speaks, and silence beyond the lookback leaves the rank out.
  if (m.kolRank >= 1 && m.kolRank <= (scope === 'tenant' ? rules.tenantKolTopRank : rules.kolTopRank) && m.lastSpokeAt !== null) return 'kol';
  if (asOf - m.firstSeenAt < rules.newcomerDays * DAY_MS) return 'newcomer';
  if (m.days28d >= CORE_MIN_DAYS && m.repliers28d >= CORE_MIN_REPLIERS) return 'core';
  if (m.days28d >= rules.regularMinDays) return 'regular';
  return 'lurker';
}

/** Was regular or core four to eight weeks ago, and the last two weeks run at half that pace or less. */
export function isFading(m: MemberSegmentInput, rules: SegmentRules = DEFAULT_SEGMENT_RULES): boolean {
  if (m.daysPrior28d < rules.regularMinDays || m.messagesPrior28d < rules.fadingMinPriorMessages) return false;
  const priorWeekly = m.messagesPrior28d / 4;
  const recentWeekly = m.messages14d / 2;
  return recentWeekly <= rules.fadingRatio * priorWeekly;
}

/** Checks a rule set, naming the field and the reason when one is out of range. */
export function validateSegmentRules(rules: SegmentRules): SegmentRules {
  const whole = (name: keyof SegmentRules, min: number, max: number) => {
    const v = rules[name];
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`segment rules: ${name} must be a whole number from ${min} to ${max}, got ${v}`);
  };
  whole('churnSilentDays', 7, MAX_CHURN_SILENT_DAYS);
  whole('newcomerDays', 1, 60);
  whole('kolTopRank', 1, 100);
  whole('tenantKolTopRank', 1, 1_000);
  whole('regularMinDays', 1, 28);
  whole('fadingMinPriorMessages', 1, 10_000);
  if (!(rules.fadingRatio > 0 && rules.fadingRatio < 1)) throw new Error(`segment rules: fadingRatio must be between 0 and 1, got ${rules.fadingRatio}`);
  return rules;
}

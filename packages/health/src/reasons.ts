// One detector per reason code. Each fires only on the situation it names and says so with its
// numbers, in a sentence and as structured evidence.
import type { Signals } from './signals.js';
import { THRESHOLDS as T } from './thresholds.js';
import type { DepartedKol, GroupHealthInput, Reason } from './types.js';
import { dayKey, pct, round } from './windows.js';

type Detector = (s: Signals, input: GroupHealthInput) => Reason | null;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const silent14d: Detector = (s, input) => {
  if (s.ageDays < T.newDays || s.silentDays < T.deadSilentDays) return null;
  const last = input.lastHumanMessageAt === null ? 'ever' : `since ${dayKey(input.lastHumanMessageAt, input.timeZone)}`;
  const noise = s.adMessages14d + s.systemMessages14d > 0
    ? `; the ${plural(s.adMessages14d, 'ad')} and ${plural(s.systemMessages14d, 'system message')} of the last 14 days do not count`
    : '';
  const staff = s.staffMessages14d > 0 ? `; staff wrote ${plural(s.staffMessages14d, 'message')} to nobody` : '';
  return {
    code: 'silent_14d',
    detail: `No human message for ${s.silentDays} days (${last})${noise}${staff}.`,
    evidence: { silentDays: s.silentDays, adMessages14d: s.adMessages14d, systemMessages14d: s.systemMessages14d },
  };
};

export const goingSilent: Detector = (s) => {
  if (s.silentDays < T.dyingSilentDays || s.silentDays >= T.deadSilentDays) return null;
  return {
    code: 'going_silent',
    detail: `No human message for ${s.silentDays} days; at ${T.deadSilentDays} the group is dead.`,
    evidence: { silentDays: s.silentDays, deadAtDays: T.deadSilentDays },
  };
};

function ratioEvidence(s: Signals): Record<string, number> {
  const e: Record<string, number> = {
    messages7d: s.messages7d, priorWeeklyMessages: s.priorWeeklyMessages,
    activeMembers7d: s.active7d, priorActiveMembers7d: s.priorActive7d,
  };
  if (s.messageRatio !== null) e.messageRatio = s.messageRatio;
  if (s.activeRatio !== null) e.activeRatio = s.activeRatio;
  if (calendarExplains(s)) {
    e.holidayDays7d = s.holidayDays7d;
    e.expectedMessageRatio = s.expectedMessageRatio;
    e.expectedActiveRatio = s.expectedActiveRatio;
    if (s.tenantMessageRatio !== null) e.tenantMessageRatio = s.tenantMessageRatio;
    if (s.tenantActiveRatio !== null) e.tenantActiveRatio = s.tenantActiveRatio;
    if (s.relativeMessageRatio !== null) e.relativeMessageRatio = s.relativeMessageRatio;
    if (s.relativeActiveRatio !== null) e.relativeActiveRatio = s.relativeActiveRatio;
    e.declineThreshold = round(activityThresholds(s).decline);
  }
  return e;
}

/** Whether holidays or the tenant's own dip lowered what the group's last 7 days are held to. */
function calendarExplains(s: Signals): boolean {
  return s.expectedMessageRatio < 1 || s.expectedActiveRatio < 1;
}

/** Why the group is held to less than its usual activity, and what is left once that is accounted for. */
function calendarSentence(s: Signals): string {
  const why: string[] = [];
  if (s.holidayDays7d > 0) why.push(`${plural(s.holidayDays7d, 'day')} of the last 7 were holidays (${s.holidays7d.join(', ')})`);
  const tenant = [
    s.tenantMessageRatio !== null ? `${pct(s.tenantMessageRatio)} of their usual messages` : null,
    s.tenantActiveRatio !== null ? `${pct(s.tenantActiveRatio)} of their usual active members` : null,
  ].filter((p) => p !== null);
  if (tenant.length) why.push(`the tenant's groups as a whole are at ${tenant.join(' and ')}`);
  const left = [
    s.relativeMessageRatio !== null ? `messages at ${pct(s.relativeMessageRatio)}` : null,
    s.relativeActiveRatio !== null ? `active members at ${pct(s.relativeActiveRatio)}` : null,
  ].filter((p) => p !== null);
  const band = s.thresholdScale < 1 ? ` (on holidays declining starts below ${pct(activityThresholds(s).decline)})` : '';
  return `${why.join('; ')}: against that, ${left.join(' and ')} of what was expected${band}`;
}

function ratioSentence(s: Signals): string {
  const parts: string[] = [];
  if (s.messageRatio !== null) {
    parts.push(`human messages fell to ${s.messages7d} in the last 7 days from ${s.priorWeeklyMessages} a week before (${pct(s.messageRatio)})`);
  }
  if (s.activeRatio !== null) {
    parts.push(`active members to ${s.active7d} from ${s.priorActive7d} (${pct(s.activeRatio)})`);
  }
  if (calendarExplains(s)) parts.push(calendarSentence(s));
  return parts.join('; ');
}

/**
 * The lower of the two ratios that exist, each against what the calendar and the tenant explain,
 * or null when neither baseline is big enough.
 */
export function worstRatio(s: Signals): number | null {
  const ratios = [s.relativeMessageRatio, s.relativeActiveRatio].filter((r): r is number => r !== null);
  return ratios.length ? Math.min(...ratios) : null;
}

/** The collapse and decline thresholds of this week: lower on holidays, whose dips are uneven. */
export function activityThresholds(s: Signals): { collapse: number; decline: number } {
  return { collapse: T.collapseRatio * s.thresholdScale, decline: T.declineRatio * s.thresholdScale };
}

export const activityCollapse: Detector = (s) => {
  const worst = worstRatio(s);
  if (worst === null || worst >= activityThresholds(s).collapse || s.silentDays >= T.deadSilentDays) return null;
  return { code: 'activity_collapse', detail: `Activity collapsed: ${ratioSentence(s)}.`, evidence: ratioEvidence(s) };
};

export const activityDeclining: Detector = (s) => {
  const worst = worstRatio(s);
  const { collapse, decline } = activityThresholds(s);
  if (worst === null || worst < collapse || worst >= decline) return null;
  return { code: 'activity_declining', detail: `Activity is declining: ${ratioSentence(s)}.`, evidence: ratioEvidence(s) };
};

export const headingToSilence: Detector = (s) => {
  if (s.projectedSilenceDays === null || s.projectedSilenceDays > T.projectedSilenceDays) return null;
  // The last week must be low against what the calendar explains, not only against ordinary weeks.
  const ratio = s.messageRatio;
  if (s.silentDays >= T.dyingSilentDays || ratio === null || s.relativeMessageRatio === null || s.relativeMessageRatio >= activityThresholds(s).decline) return null;
  const days = Math.max(1, Math.round(s.projectedSilenceDays));
  return {
    code: 'heading_to_silence',
    detail: `At the pace of the last 28 days human messages fall by ${Math.abs(s.messageTrendPerDay)} a day, to about ${s.trendMessagesToday} a day now: the group falls silent in about ${days} days.`,
    evidence: { projectedSilenceDays: s.projectedSilenceDays, messageTrendPerDay: s.messageTrendPerDay, trendMessagesToday: s.trendMessagesToday, messageRatio: ratio },
  };
};

export const growing: Detector = (s) => {
  if (s.messageRatio === null || s.activeRatio === null) return null;
  if (s.messageRatio < T.growingRatio || s.activeRatio < 1) return null;
  return {
    code: 'growing',
    detail: `Conversation is growing: ${s.messages7d} human messages in the last 7 days against ${s.priorWeeklyMessages} a week before (${pct(s.messageRatio)}), ${s.active7d} active members against ${s.priorActive7d}.`,
    evidence: ratioEvidence(s),
  };
};

export const kolDeparted: Detector = (s, input) => {
  // Over a holiday a key member who merely went quiet is away; one who left is gone.
  const away = (k: DepartedKol) => k.how === 'silent' && s.holidayDays7d >= T.holidaySilentKolDays;
  const gone = (input.structure?.departedKols ?? []).filter((k) => !away(k)).sort((a, b) => b.priorShare - a.priorShare);
  const top = gone[0];
  if (!top) return null;
  const how = top.how === 'left' ? `left on ${dayKey(top.at, input.timeZone)}` : `has been silent since ${dayKey(top.at, input.timeZone)}`;
  const more = gone.length > 1 ? `; ${plural(gone.length - 1, 'other key member')} also gone` : '';
  return {
    code: 'kol_departed',
    detail: `Key member ${top.memberId}, who held ${pct(top.priorShare)} of the group's interactions in the 28 days before, ${how}${more}.`,
    evidence: { priorShare: round(top.priorShare), departedKols: gone.length, departedAt: top.at, left: top.how === 'left' ? 1 : 0 },
  };
};

export const noCoreMembers: Detector = (s, input) => {
  const st = input.structure;
  if (!st || s.members < T.coreMinMembers || s.ageDays < T.newDays || st.coreMembers > 1) return null;
  return {
    code: 'no_core_members',
    detail: `${st.coreMembers === 0 ? 'No core member' : `Only ${plural(st.coreMembers, 'core member')}`} (speaks regularly and is answered by several others) among ${s.members} members in the last 28 days; ${s.active28d === 0 ? 'none' : s.active28d} spoke at all.`,
    evidence: { coreMembers: st.coreMembers, members: s.members, activeMembers28d: s.active28d },
  };
};

export const adsDominate: Detector = (s) => {
  const total = s.adMessages7d + s.messages7d;
  if (s.adMessages7d < T.adsMin || s.adMessages7d / total < T.adsShare) return null;
  const share = s.adMessages7d / total;
  return {
    code: 'ads_dominate',
    detail: `Ads outnumber conversation: ${s.adMessages7d} ad messages against ${s.messages7d} human messages in the last 7 days (${pct(share)} ads).`,
    evidence: { adMessages7d: s.adMessages7d, messages7d: s.messages7d, adShare: round(share) },
  };
};

export const staffMonologue: Detector = (s) => {
  const total = s.staffMessages14d + s.humanMessages14d;
  if (s.silentDays >= T.deadSilentDays || s.staffMessages14d < T.staffMin || s.staffMessages14d / total < T.staffShare) return null;
  const share = s.staffMessages14d / total;
  return {
    code: 'staff_monologue',
    detail: `Staff talk to nobody: ${plural(s.staffMessages14d, 'staff message')} against ${plural(s.humanMessages14d, 'message')} from members in the last 14 days (${pct(share)} staff).`,
    evidence: { staffMessages14d: s.staffMessages14d, memberMessages14d: s.humanMessages14d, staffShare: round(share) },
  };
};

export const redPacketOnly: Detector = (s) => {
  const rp = s.redPackets7d + s.redPacketReplies7d;
  const total = rp + s.messages7d;
  if (s.redPackets7d === 0 || rp < T.redPacketMin || rp / total < T.redPacketShare) return null;
  const share = rp / total;
  return {
    code: 'red_packet_only',
    detail: `Red packets replace conversation: ${plural(s.redPackets7d, 'red packet')} and ${plural(s.redPacketReplies7d, 'reply', 'replies')} to them against ${s.messages7d} human messages in the last 7 days (${pct(share)}).`,
    evidence: { redPackets7d: s.redPackets7d, redPacketReplies7d: s.redPacketReplies7d, messages7d: s.messages7d, redPacketShare: round(share) },
  };
};

export const newcomersIgnored: Detector = (s) => {
  if (s.newcomers28d < T.newcomersMin) return null;
  const share = s.newcomersWelcomed28d / s.newcomers28d;
  if (share >= T.welcomedShare) return null;
  return {
    code: 'newcomers_ignored',
    detail: `Newcomers go unanswered: ${s.newcomersWelcomed28d} of ${s.newcomers28d} members who joined in the last 28 days were answered within 24 hours (${pct(share)}).`,
    evidence: { newcomers28d: s.newcomers28d, welcomed28d: s.newcomersWelcomed28d, welcomedShare: round(share) },
  };
};

export const membersLeaving: Detector = (s) => {
  const base = Math.max(s.members28dAgo, s.members, 1);
  const share = s.leaves28d / base;
  if (s.leaves28d < T.leavesMin || s.leaves28d <= s.joins28d || share < T.leavesShare) return null;
  return {
    code: 'members_leaving',
    detail: `Members are leaving: ${s.leaves28d} left and ${s.joins28d} joined in the last 28 days, ${pct(share)} of ${base} members.`,
    evidence: { leaves28d: s.leaves28d, joins28d: s.joins28d, members: base, leaveShare: round(share) },
  };
};

export const lowRetention: Detector = (_s, input) => {
  const r = input.retention;
  if (!r || r.eligibleD7 < T.retentionMinEligible) return null;
  const share = r.retainedD7 / r.eligibleD7;
  if (share >= T.retentionD7) return null;
  return {
    code: 'low_retention',
    detail: `Newcomers do not stay: ${r.retainedD7} of ${r.eligibleD7} members who joined in the last 90 days were still here and spoke within their first 7 days (${pct(share)}); ${r.silentChurned} stayed but fell silent, ${r.churned} left.`,
    evidence: { retainedD7: r.retainedD7, eligibleD7: r.eligibleD7, retentionD7: round(share), silentChurned: r.silentChurned, churned: r.churned },
  };
};

/** In the order they are reported: the verdict first, then its causes. */
export const DETECTORS: readonly Detector[] = [
  silent14d, goingSilent, staffMonologue, headingToSilence, activityCollapse, activityDeclining, kolDeparted, noCoreMembers, adsDominate,
  redPacketOnly, newcomersIgnored, membersLeaving, lowRetention, growing,
];

export function detectReasons(s: Signals, input: GroupHealthInput): Reason[] {
  return DETECTORS.map((d) => d(s, input)).filter((r): r is Reason => r !== null);
}

// The numbers every rule reads, computed once from the daily series: the last 7 days against the
// weekly average of the 28 days before them, silence, ads, red packets, newcomers, joins and leaves.
import { activityBaseline, type ActivityBaseline } from './baseline.js';
import { DEFAULT_CALENDAR, holidayOn } from './calendar.js';
import { expectation } from './expectation.js';
import type { GroupHealthInput } from './types.js';
import { DAY_MS, dayKey, round, sum, windows } from './windows.js';

/** The last 7 days against the baseline (ActivityBaseline), and everything else the rules read. */
export interface Signals extends ActivityBaseline {
  ageDays: number;
  /** Whole days since the last human message (the group's age when nobody ever talked). */
  silentDays: number;
  members: number;
  /** The share of its usual activity the calendar and the tenant's movement explain (1: nothing explained). */
  expectedMessageRatio: number;
  expectedActiveRatio: number;
  /** The tenant's median ratios when they explain a dip, else null. */
  tenantMessageRatio: number | null;
  tenantActiveRatio: number | null;
  /** Multiplier of the collapse and decline thresholds (below 1 when the last 7 days hold holidays). */
  thresholdScale: number;
  /** The ratios against what is expected: the group judged against its own history and its tenant. */
  relativeMessageRatio: number | null;
  relativeActiveRatio: number | null;
  active28d: number;
  adMessages7d: number;
  adMessages14d: number;
  systemMessages14d: number;
  /** Messages of the tenant's staff and of the members in the last 14 days. */
  staffMessages14d: number;
  humanMessages14d: number;
  redPackets7d: number;
  redPacketReplies7d: number;
  /** Days of the last 7 with at least one human message: a group with a ritual talks most days. */
  talkDays7d: number;
  newcomers28d: number;
  newcomersWelcomed28d: number;
  joins28d: number;
  leaves28d: number;
  /** Members at the start of the last 28 days. */
  members28dAgo: number;
  replyRate28d: number;
  contentProducers28d: number;
  /** Slope of a straight line fitted to the last 28 days' human messages (messages a day, per day). */
  messageTrendPerDay: number;
  /** Today's value on that line. */
  trendMessagesToday: number;
  /** Days until the line reaches zero; null when it is not falling. */
  projectedSilenceDays: number | null;
}

/** Least-squares line through the points (x, y), and its value at `at`. */
export function fitLine(points: ReadonlyArray<{ x: number; y: number }>, at: number): { slope: number; end: number } {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let sxy = 0, sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  return { slope, end: my + slope * (at - mx) };
}

/** The trend needs at least this many days, and leaves holidays out while that many ordinary days remain. */
const MIN_TREND_DAYS = 14;

export { MIN_BASELINE } from './baseline.js';

/** Whole days since the group was created. */
export function groupAgeDays(input: Pick<GroupHealthInput, 'asOf' | 'createdAt'>): number {
  return Math.max(0, Math.floor((input.asOf - input.createdAt) / DAY_MS));
}

/** Whole days since the last human message (the group's age when nobody ever talked). */
export function groupSilentDays(input: Pick<GroupHealthInput, 'asOf' | 'createdAt' | 'lastHumanMessageAt'>): number {
  return input.lastHumanMessageAt === null
    ? groupAgeDays(input)
    : Math.max(0, Math.floor((input.asOf - input.lastHumanMessageAt) / DAY_MS));
}

export function computeSignals(input: GroupHealthInput): Signals {
  const w = windows(input.days, input.asOf, input.timeZone);
  const createdDay = dayKey(input.createdAt, input.timeZone);
  const ageDays = groupAgeDays(input);
  const silentDays = groupSilentDays(input);
  const calendar = input.calendar ?? DEFAULT_CALENDAR;
  const b = activityBaseline(w, input.createdAt, calendar, input.timeZone);
  const { messages7d, priorWeeklyMessages, active7d, priorActive7d, messageRatio, activeRatio } = b;
  const expected = expectation(b.holidayDays7d, input.tenantMovement);
  const relative = (ratio: number | null, by: number) => (ratio === null ? null : round(ratio / by));

  // Newcomers of the last day have not had their 24 hours yet.
  const welcomeWindow = w.last28.slice(0, -1);
  const human28 = sum(w.last28, (d) => d.humanMessages);
  // The trend only over days the group existed, and over ordinary days: a holiday's quiet is not a fall.
  const lived = w.last28.map((d, x) => ({ x, y: d.humanMessages, day: d.day })).filter((p) => p.day >= createdDay);
  const ordinary = lived.filter((p) => holidayOn(calendar, p.day) === null);
  const trendPoints = ordinary.length >= MIN_TREND_DAYS ? ordinary : lived;
  const trend = trendPoints.length >= MIN_TREND_DAYS ? fitLine(trendPoints, w.last28.length - 1) : { slope: 0, end: 0 };
  const replied28 = sum(w.last28, (d) => d.replyRate * d.humanMessages);

  return {
    ageDays,
    silentDays,
    members: w.today.members,
    messages7d,
    priorWeeklyMessages: round(priorWeeklyMessages, 1),
    active7d,
    priorActive7d: round(priorActive7d, 1),
    messageRatio: messageRatio === null ? null : round(messageRatio),
    activeRatio: activeRatio === null ? null : round(activeRatio),
    holidayDays7d: b.holidayDays7d,
    holidays7d: b.holidays7d,
    expectedMessageRatio: round(expected.messageRatio),
    expectedActiveRatio: round(expected.activeRatio),
    tenantMessageRatio: expected.tenantMessageRatio === null ? null : round(expected.tenantMessageRatio),
    tenantActiveRatio: expected.tenantActiveRatio === null ? null : round(expected.tenantActiveRatio),
    thresholdScale: round(expected.thresholdScale, 3),
    relativeMessageRatio: relative(messageRatio, expected.messageRatio),
    relativeActiveRatio: relative(activeRatio, expected.activeRatio),
    active28d: w.today.active28d,
    adMessages7d: sum(w.last7, (d) => d.adMessages),
    adMessages14d: sum(w.last14, (d) => d.adMessages),
    systemMessages14d: sum(w.last14, (d) => d.systemMessages),
    staffMessages14d: sum(w.last14, (d) => d.staffMessages ?? 0),
    humanMessages14d: sum(w.last14, (d) => d.humanMessages),
    redPackets7d: sum(w.last7, (d) => d.redPacketMessages),
    redPacketReplies7d: sum(w.last7, (d) => d.redPacketReplies),
    talkDays7d: w.last7.filter((d) => d.humanMessages > 0).length,
    newcomers28d: sum(welcomeWindow, (d) => d.newcomers),
    newcomersWelcomed28d: sum(welcomeWindow, (d) => d.newcomersWelcomed),
    joins28d: sum(w.last28, (d) => d.joins),
    leaves28d: sum(w.last28, (d) => d.leaves),
    members28dAgo: w.prior28[w.prior28.length - 1]!.members,
    replyRate28d: human28 ? round(replied28 / human28) : 0,
    contentProducers28d: sum(w.last28, (d) => d.contentProducers),
    messageTrendPerDay: round(trend.slope),
    trendMessagesToday: round(Math.max(0, trend.end), 1),
    projectedSilenceDays: trend.slope < 0 ? round(Math.max(0, trend.end) / -trend.slope, 1) : null,
  };
}

// The numbers every rule reads, computed once from the daily series: the last 7 days against the
// weekly average of the 28 days before them, silence, ads, red packets, newcomers, joins and leaves.
import type { GroupHealthInput } from './types.js';
import { DAY_MS, dayKey, round, sum, windows } from './windows.js';

export interface Signals {
  ageDays: number;
  /** Whole days since the last human message (the group's age when nobody ever talked). */
  silentDays: number;
  members: number;
  messages7d: number;
  /** Weekly average of human messages over the 28 days before the last 7 (days before creation excluded). */
  priorWeeklyMessages: number;
  active7d: number;
  /** Average of the 7-day active count at the end of each of the 4 prior weeks. */
  priorActive7d: number;
  /** last 7 ÷ prior weekly average; null when the prior baseline is too small to compare. */
  messageRatio: number | null;
  activeRatio: number | null;
  active28d: number;
  adMessages7d: number;
  adMessages14d: number;
  systemMessages14d: number;
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

/** Least-squares line through the points (0, y0) … (n-1, yn-1). */
export function fitLine(ys: readonly number[]): { slope: number; end: number } {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (ys[i]! - my);
    sxx += (i - mx) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  return { slope, end: my + slope * (n - 1 - mx) };
}

/** Below these the prior baseline is noise, and ratios against it are not computed. */
export const MIN_BASELINE = { weeklyMessages: 7, active7d: 3 } as const;

export function computeSignals(input: GroupHealthInput): Signals {
  const w = windows(input.days, input.asOf, input.timeZone);
  const createdDay = dayKey(input.createdAt, input.timeZone);
  const ageDays = Math.max(0, Math.floor((input.asOf - input.createdAt) / DAY_MS));
  const silentDays = input.lastHumanMessageAt === null
    ? ageDays
    : Math.max(0, Math.floor((input.asOf - input.lastHumanMessageAt) / DAY_MS));

  const priorLive = w.prior28.filter((d) => d.day >= createdDay);
  const priorWeeklyMessages = priorLive.length ? (sum(priorLive, (d) => d.humanMessages) / priorLive.length) * 7 : 0;
  // Week-end snapshots of the prior 28 days: indexes 6, 13, 20, 27.
  const weekEnds = [6, 13, 20, 27].map((i) => w.prior28[i]!).filter((d) => d.day >= dayKey(input.createdAt + 6 * DAY_MS, input.timeZone));
  const priorActive7d = weekEnds.length ? sum(weekEnds, (d) => d.active7d) / weekEnds.length : 0;

  const messages7d = sum(w.last7, (d) => d.humanMessages);
  const active7d = w.today.active7d;
  const messageRatio = priorWeeklyMessages >= MIN_BASELINE.weeklyMessages ? messages7d / priorWeeklyMessages : null;
  const activeRatio = priorActive7d >= MIN_BASELINE.active7d ? active7d / priorActive7d : null;

  // Newcomers of the last day have not had their 24 hours yet.
  const welcomeWindow = w.last28.slice(0, -1);
  const human28 = sum(w.last28, (d) => d.humanMessages);
  // The trend only over days the group existed.
  const trendDays = w.last28.filter((d) => d.day >= createdDay).map((d) => d.humanMessages);
  const trend = trendDays.length >= 14 ? fitLine(trendDays) : { slope: 0, end: 0 };
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
    active28d: w.today.active28d,
    adMessages7d: sum(w.last7, (d) => d.adMessages),
    adMessages14d: sum(w.last14, (d) => d.adMessages),
    systemMessages14d: sum(w.last14, (d) => d.systemMessages),
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

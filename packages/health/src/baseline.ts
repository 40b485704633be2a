// The last 7 days against the group's own baseline (the weekly average of the 28 days before them),
// for human messages and for 7-day active members. Holidays are left out of the baseline, so the
// weeks after a holiday are compared with ordinary weeks, not with the holiday's quiet.
import { holidayOn, type HolidayCalendar } from './calendar.js';
import { DAY_MS, dayKey, sum, type Windows } from './windows.js';

export interface ActivityBaseline {
  messages7d: number;
  /** Weekly average of human messages over the 28 days before the last 7 (days before creation and holidays excluded). */
  priorWeeklyMessages: number;
  active7d: number;
  /** Average of the 7-day active count at the end of each of the 4 prior weeks (weeks touching a holiday excluded). */
  priorActive7d: number;
  /** last 7 ÷ baseline; null when the baseline is too small to compare. Not rounded. */
  messageRatio: number | null;
  activeRatio: number | null;
  /** Days of the last 7 that are holidays of the tenant, and the holidays' names. */
  holidayDays7d: number;
  holidays7d: string[];
}

/** Below these the prior baseline is noise, and ratios against it are not computed. */
export const MIN_BASELINE = { weeklyMessages: 7, active7d: 3 } as const;

/** Holidays are left out of the baseline only while enough ordinary days or weeks remain for it. */
const MIN_ORDINARY = { days: 14, weekEnds: 2 } as const;

export function activityBaseline(w: Windows, createdAt: number, calendar: HolidayCalendar, timeZone = 'UTC'): ActivityBaseline {
  const createdDay = dayKey(createdAt, timeZone);
  const holiday = (day: string) => holidayOn(calendar, day);

  const priorLive = w.prior28.filter((d) => d.day >= createdDay);
  const ordinaryDays = priorLive.filter((d) => !holiday(d.day));
  const baseDays = ordinaryDays.length >= MIN_ORDINARY.days ? ordinaryDays : priorLive;
  const priorWeeklyMessages = baseDays.length ? (sum(baseDays, (d) => d.humanMessages) / baseDays.length) * 7 : 0;

  // Week-end snapshots of the prior 28 days: indexes 6, 13, 20, 27.
  const weekEnds = [6, 13, 20, 27].filter((i) => w.prior28[i]!.day >= dayKey(createdAt + 6 * DAY_MS, timeZone));
  const ordinaryWeekEnds = weekEnds.filter((i) => w.prior28.slice(i - 6, i + 1).every((d) => !holiday(d.day)));
  const baseWeekEnds = ordinaryWeekEnds.length >= MIN_ORDINARY.weekEnds ? ordinaryWeekEnds : weekEnds;
  const priorActive7d = baseWeekEnds.length ? sum(baseWeekEnds.map((i) => w.prior28[i]!), (d) => d.active7d) / baseWeekEnds.length : 0;

  const messages7d = sum(w.last7, (d) => d.humanMessages);
  const active7d = w.today.active7d;
  const names = w.last7.map((d) => holiday(d.day)).filter((n): n is string => n !== null);
  return {
    messages7d,
    priorWeeklyMessages,
    active7d,
    priorActive7d,
    messageRatio: priorWeeklyMessages >= MIN_BASELINE.weeklyMessages ? messages7d / priorWeeklyMessages : null,
    activeRatio: priorActive7d >= MIN_BASELINE.active7d ? active7d / priorActive7d : null,
    holidayDays7d: names.length,
    holidays7d: [...new Set(names)],
  };
}

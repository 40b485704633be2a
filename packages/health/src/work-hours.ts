// Work hours: the minutes of a tenant's week in which its staff are expected to answer. A wait that
// spans a night, a weekend or a holiday counts only its minutes inside work hours, so a question at
// 17:50 answered at 09:10 the next work day waited 20 minutes, not 15 hours 20.
import { holidayOn, type HolidayCalendar } from './calendar.js';
import { addDays, dayStart, localDay } from './local-days.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One stretch of work within a local day, in minutes after local midnight: [start, end). */
export interface WorkRange { start: number; end: number }

/** Work ranges of each weekday; a weekday without ranges has no work hours. */
export type WorkWeek = Readonly<Record<Weekday, readonly WorkRange[]>>;

const NINE_TO_SIX: readonly WorkRange[] = [{ start: 9 * 60, end: 18 * 60 }];
export const DEFAULT_WORK_WEEK: WorkWeek = { sun: [], mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: [] };

/** A wait longer than this many calendar days is counted up to that many (a long-forgotten question). */
export const MAX_WAIT_DAYS = 120;

const MINUTE_MS = 60_000;

export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
}

/** Whether the local day has work hours: a weekday with ranges that is not a holiday of the calendar. */
export function isWorkDay(day: string, week: WorkWeek, calendar: HolidayCalendar): boolean {
  return week[weekdayOf(day)].length > 0 && holidayOn(calendar, day) === null;
}

/**
 * Milliseconds of work hours between two instants (from ≤ to), in the tenant's time zone, skipping
 * weekdays without work hours and the calendar's holidays.
 */
export function workMillisBetween(from: number, to: number, week: WorkWeek, timeZone: string, calendar: HolidayCalendar): number {
  if (to <= from) return 0;
  let total = 0;
  const last = localDay(to, timeZone);
  let day = localDay(from, timeZone);
  for (let i = 0; i <= MAX_WAIT_DAYS && day <= last; i++, day = addDays(day, 1)) {
    if (!isWorkDay(day, week, calendar)) continue;
    const start = dayStart(day, timeZone);
    for (const r of week[weekdayOf(day)]) {
      const a = Math.max(from, start + r.start * MINUTE_MS);
      const b = Math.min(to, start + r.end * MINUTE_MS);
      if (b > a) total += b - a;
    }
  }
  return total;
}

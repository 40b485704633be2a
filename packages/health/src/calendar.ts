// A tenant's holiday calendar: the days on which its groups are expected to go quiet together.
// Built in: 春节 (by year, from a table), 国庆, 元旦 and Christmas week; a tenant picks which of
// those apply and adds its own date ranges. Days are the same `YYYY-MM-DD` strings as the daily
// series, so a holiday falls on the tenant's own local days.
import { z } from 'zod';
import { lunarNewYear, SPRING_FESTIVAL_SPAN } from './spring-festival.js';
import { addDays } from './local-days.js';

export const BUILT_IN_HOLIDAYS = ['spring_festival', 'national_day', 'new_year', 'christmas'] as const;
export type BuiltInHoliday = (typeof BUILT_IN_HOLIDAYS)[number];

/** How each built-in holiday is named in reason sentences. */
export const BUILT_IN_HOLIDAY_NAMES: Readonly<Record<BuiltInHoliday, string>> = {
  spring_festival: '春节 (Spring Festival)',
  national_day: '国庆 (National Day)',
  new_year: "元旦 (New Year's Day)",
  christmas: 'Christmas week',
};

/** A custom range longer than this is a season, not a holiday: the baseline itself should move. */
export const MAX_HOLIDAY_DAYS = 62;

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);


const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: string) => DAY_FORMAT.test(d) && !Number.isNaN(dayMs(d)) && new Date(dayMs(d)).toISOString().slice(0, 10) === d;

const isoDay = z.string().superRefine((d, ctx) => {
  if (!DAY_FORMAT.test(d)) ctx.addIssue({ code: 'custom', message: 'must be a day written YYYY-MM-DD' });
  else if (!isDay(d)) ctx.addIssue({ code: 'custom', message: 'is not a day of the calendar' });
});

export const holidayRangeSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  /** First and last day of the holiday, both included. */
  from: isoDay,
  to: isoDay,
}).strict().superRefine((r, ctx) => {
  // Only a range of two real days has an order and a length.
  if (!isDay(r.from) || !isDay(r.to)) return;
  if (r.to < r.from) ctx.addIssue({ code: 'custom', message: 'must be on or after from', path: ['to'] });
  else if ((dayMs(r.to) - dayMs(r.from)) / DAY_MS + 1 > MAX_HOLIDAY_DAYS) {
    ctx.addIssue({ code: 'custom', message: `the range must span at most ${MAX_HOLIDAY_DAYS} days`, path: ['to'] });
  }
});

export const holidayCalendarSchema = z.object({
  /** Built-in holidays that apply to the tenant; all of them unless listed. */
  builtIn: z.array(z.enum(BUILT_IN_HOLIDAYS)).default([...BUILT_IN_HOLIDAYS]),
  /** The tenant's own holidays (company retreats, school breaks, local festivals). */
  custom: z.array(holidayRangeSchema).max(1000, 'must list at most 1000 ranges').default([]),
}).strict();

export type HolidayRange = z.output<typeof holidayRangeSchema>;
/** A validated calendar: plain data, safe to pass with every group's health input. */
export type HolidayCalendar = z.output<typeof holidayCalendarSchema>;
/** What a tenant writes: both fields optional. */
export type HolidayCalendarConfig = z.input<typeof holidayCalendarSchema>;

export const DEFAULT_CALENDAR: HolidayCalendar = holidayCalendarSchema.parse({});

export class HolidayCalendarError extends Error {
  constructor(readonly problems: string[], source: string) {
    super(`Invalid holiday calendar (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HolidayCalendarError';
  }
}

/** Validates a tenant's calendar; each problem names the field path and the reason. */
export function parseHolidayCalendar(input: unknown, source = 'holiday calendar'): HolidayCalendar {
  const result = holidayCalendarSchema.safeParse(input);
  if (result.success) return result.data;
  throw new HolidayCalendarError(result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`), source);
}

const springFestivals = new Map<number, { from: string; to: string } | null>();

/** The built-in 春节 holiday of a year as an inclusive range, or null outside the table's years. */
export function springFestival(year: number): { from: string; to: string } | null {
  let range = springFestivals.get(year);
  if (range === undefined) {
    const day = lunarNewYear(year);
    range = day ? { from: addDays(day, -SPRING_FESTIVAL_SPAN.before), to: addDays(day, SPRING_FESTIVAL_SPAN.after) } : null;
    springFestivals.set(year, range);
  }
  return range;
}

function builtInOn(holiday: BuiltInHoliday, day: string): boolean {
  const monthDay = day.slice(5);
  switch (holiday) {
    case 'spring_festival': {
      const range = springFestival(Number(day.slice(0, 4)));
      return range !== null && day >= range.from && day <= range.to;
    }
    case 'national_day': return monthDay >= '10-01' && monthDay <= '10-07';
    case 'new_year': return monthDay === '01-01';
    case 'christmas': return monthDay >= '12-24' || monthDay === '01-01';
  }
}

/** The name of the holiday the day falls on (the tenant's own first), or null on an ordinary day. */
export function holidayOn(calendar: HolidayCalendar, day: string): string | null {
  for (const r of calendar.custom) if (day >= r.from && day <= r.to) return r.name;
  for (const h of BUILT_IN_HOLIDAYS) if (calendar.builtIn.includes(h) && builtInOn(h, day)) return BUILT_IN_HOLIDAY_NAMES[h];
  return null;
}

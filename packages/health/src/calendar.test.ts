// The holiday calendar: 春节 by year against published dates, the fixed holidays, and tenants' own ranges.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR, holidayOn, HolidayCalendarError, parseHolidayCalendar, springFestival,
} from './calendar.js';
import { addDays } from './local-days.js';
import { LUNAR_NEW_YEAR_YEARS, lunarNewYear } from './spring-festival.js';

const DAY_MS = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('春节', () => {
  it('正月初一 matches the published dates', () => {
    // Hong Kong Observatory / 国务院办公厅 holiday notices.
    expect(lunarNewYear(2020)).toBe('2020-01-25');
    expect(lunarNewYear(2023)).toBe('2023-01-22');
    expect(lunarNewYear(2024)).toBe('2024-02-10');
    expect(lunarNewYear(2025)).toBe('2025-01-29');
    expect(lunarNewYear(2026)).toBe('2026-02-17');
    expect(lunarNewYear(2030)).toBe('2030-02-03');
    expect(lunarNewYear(2035)).toBe('2035-02-08');
    expect(lunarNewYear(2041)).toBeNull();
  });

  it('every year of the table is a new moon between Jan 21 and Feb 20, a lunar year after the one before', () => {
    // Mean new moon (2000-01-06 18:14 UTC, 29.530589 days a lunation); the true one is within about
    // 14 hours of it, and the day is counted in Beijing time (+8 h): 1.5 days covers both.
    const reference = Date.UTC(2000, 0, 6, 18, 14);
    const lunation = 29.530588853 * DAY_MS;
    let previous: string | null = null;
    for (let year = LUNAR_NEW_YEAR_YEARS.first; year <= LUNAR_NEW_YEAR_YEARS.last; year++) {
      const day = lunarNewYear(year)!;
      expect(day, String(year)).toMatch(new RegExp(`^${year}-0[12]-`));
      expect(day.slice(5) >= '01-21' && day.slice(5) <= '02-20', day).toBe(true);
      const noonBeijing = dayMs(day) + 4 * 3_600_000;
      const phase = ((noonBeijing - reference) % lunation + lunation) % lunation;
      expect(Math.min(phase, lunation - phase) / DAY_MS, day).toBeLessThan(1.5);
      if (previous) {
        // 12 lunar months (353–355 days) or 13 (383–385).
        const length = (dayMs(day) - dayMs(previous)) / DAY_MS;
        expect([353, 354, 355, 383, 384, 385], `${previous} → ${day}`).toContain(length);
      }
      previous = day;
    }
  });

  it("covers every State Council 春节 holiday of 2020–2026", () => {
    const announced: Array<[number, string, string]> = [
      [2020, '2020-01-24', '2020-01-30'], [2021, '2021-02-11', '2021-02-17'], [2022, '2022-01-31', '2022-02-06'],
      [2023, '2023-01-21', '2023-01-27'], [2024, '2024-02-10', '2024-02-17'], [2025, '2025-01-28', '2025-02-04'],
      [2026, '2026-02-15', '2026-02-23'],
    ];
    for (const [year, from, to] of announced) {
      const range = springFestival(year)!;
      expect(range.from <= from && range.to >= to, `${year}: ${range.from}…${range.to} against ${from}…${to}`).toBe(true);
      for (let d = from; d <= to; d = addDays(d, 1)) expect(holidayOn(DEFAULT_CALENDAR, d)).toBe('春节 (Spring Festival)');
    }
    expect(springFestival(2026)).toEqual({ from: '2026-02-15', to: '2026-02-24' });
    expect(holidayOn(DEFAULT_CALENDAR, '2026-02-14')).toBeNull();
    expect(holidayOn(DEFAULT_CALENDAR, '2026-02-25')).toBeNull();
  });
});

describe('fixed holidays', () => {
  it('国庆 is Oct 1–7', () => {
    expect(holidayOn(DEFAULT_CALENDAR, '2026-09-30')).toBeNull();
    expect(holidayOn(DEFAULT_CALENDAR, '2026-10-01')).toBe('国庆 (National Day)');
    expect(holidayOn(DEFAULT_CALENDAR, '2031-10-07')).toBe('国庆 (National Day)');
    expect(holidayOn(DEFAULT_CALENDAR, '2026-10-08')).toBeNull();
  });

  it('Christmas week runs Dec 24 to Jan 1, and Jan 1 is 元旦', () => {
    expect(holidayOn(DEFAULT_CALENDAR, '2026-12-23')).toBeNull();
    expect(holidayOn(DEFAULT_CALENDAR, '2026-12-24')).toBe('Christmas week');
    expect(holidayOn(DEFAULT_CALENDAR, '2026-12-31')).toBe('Christmas week');
    expect(holidayOn(DEFAULT_CALENDAR, '2027-01-01')).toBe("元旦 (New Year's Day)");
    expect(holidayOn(DEFAULT_CALENDAR, '2027-01-02')).toBeNull();
    // Without 元旦, Jan 1 still closes Christmas week.
    expect(holidayOn(parseHolidayCalendar({ builtIn: ['christmas'] }), '2027-01-01')).toBe('Christmas week');
  });

  it('a tenant can keep only the built-in holidays it observes', () => {
    const cal = parseHolidayCalendar({ builtIn: ['spring_festival', 'national_day'] });
    expect(holidayOn(cal, '2026-12-25')).toBeNull();
    expect(holidayOn(cal, '2026-10-03')).toBe('国庆 (National Day)');
    expect(holidayOn(parseHolidayCalendar({ builtIn: [] }), '2026-02-17')).toBeNull();
  });
});

describe('custom holidays', () => {
  const cal = parseHolidayCalendar({
    custom: [
      { name: '中秋 (Mid-Autumn)', from: '2026-09-25', to: '2026-09-27' },
      { name: 'team retreat', from: '2026-10-06', to: '2026-10-09' },
    ],
  });

  it('count on their days, both ends included, with their own names first', () => {
    expect(holidayOn(cal, '2026-09-24')).toBeNull();
    expect(holidayOn(cal, '2026-09-25')).toBe('中秋 (Mid-Autumn)');
    expect(holidayOn(cal, '2026-09-27')).toBe('中秋 (Mid-Autumn)');
    expect(holidayOn(cal, '2026-10-07')).toBe('team retreat');
    expect(holidayOn(cal, '2026-10-09')).toBe('team retreat');
    expect(holidayOn(cal, '2026-10-10')).toBeNull();
    // The built-ins still apply.
    expect(holidayOn(cal, '2026-10-02')).toBe('国庆 (National Day)');
  });

  it('are validated, each problem naming its field', () => {
    const problems = (input: unknown): string[] => {
      try {
        parseHolidayCalendar(input, 'tenant t1');
      } catch (e) {
        expect(e).toBeInstanceOf(HolidayCalendarError);
        expect((e as Error).message).toContain('tenant t1');
        return (e as HolidayCalendarError).problems;
      }
      throw new Error('expected the calendar to be rejected');
    };
    expect(problems({ custom: [{ name: 'x', from: '2026-02-30', to: '2026-03-01' }] })).toEqual(['custom.0.from: is not a day of the calendar']);
    expect(problems({ custom: [{ name: 'x', from: '2026/02/01', to: '2026-02-03' }] })).toEqual(['custom.0.from: must be a day written YYYY-MM-DD']);
    expect(problems({ custom: [{ name: 'x', from: '2026-02-05', to: '2026-02-03' }] })).toEqual(['custom.0.to: must be on or after from']);
    expect(problems({ custom: [{ name: 'summer', from: '2026-06-01', to: '2026-08-31' }] })).toEqual(['custom.0.to: the range must span at most 62 days']);
    expect(problems({ custom: [{ name: ' ', from: '2026-02-01', to: '2026-02-01' }] })).toEqual(['custom.0.name: must not be empty']);
    expect(problems({ builtIn: ['diwali'] })[0]).toMatch(/^builtIn\.0: /);
    expect(problems({ holidays: [] })[0]).toMatch(/holidays/);
  });
});

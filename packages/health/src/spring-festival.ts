// 春节: the first day of the first lunar month (正月初一) by Gregorian year. A table rather than a
// lunisolar computation: the dates are fixed by the Purple Mountain Observatory's calendar, which
// no short formula reproduces exactly (new moons near midnight Beijing time decide the day).
const LUNAR_NEW_YEAR: Readonly<Record<number, string>> = {
  2016: '2016-02-08', 2017: '2017-01-28', 2018: '2018-02-16', 2019: '2019-02-05', 2020: '2020-01-25',
  2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29',
  2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03',
  2031: '2031-01-23', 2032: '2032-02-11', 2033: '2033-01-31', 2034: '2034-02-19', 2035: '2035-02-08',
  2036: '2036-01-28', 2037: '2037-02-15', 2038: '2038-02-04', 2039: '2039-01-24', 2040: '2040-02-12',
};

export const LUNAR_NEW_YEAR_YEARS = { first: 2016, last: 2040 } as const;

/** 正月初一 of the year as `YYYY-MM-DD`, or null outside the table's years. */
export function lunarNewYear(year: number): string | null {
  return LUNAR_NEW_YEAR[year] ?? null;
}

/**
 * Days before and after 正月初一 that the built-in 春节 holiday covers: from two days before (腊月
 * 廿八 or 廿九, when travel home peaks) to the eighth day (初八, when most return to work). Every
 * State Council 春节 holiday of 2020–2026 lies inside this window.
 */
export const SPRING_FESTIVAL_SPAN = { before: 2, after: 7 } as const;

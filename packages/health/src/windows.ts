// Windows over a group's daily series: the last 7 days against the 28 before them.
import { addDays, localDay } from './local-days.js';
import type { ActivityDay } from './types.js';

export const DAY_MS = 86_400_000;

/** The day of an instant in the tenant's time zone (UTC unless given). */
export function dayKey(ms: number, timeZone = 'UTC'): string {
  return localDay(ms, timeZone);
}

export function emptyDay(day: string): ActivityDay {
  return {
    day, members: 0, humanMessages: 0, systemMessages: 0, adMessages: 0, redPacketMessages: 0, redPacketReplies: 0,
    speakers: 0, active7d: 0, active28d: 0, contentProducers: 0, replyRate: 0, newcomers: 0, newcomersWelcomed: 0,
    joins: 0, leaves: 0,
  };
}

/**
 * The `length` days ending on the as-of day, oldest first. Days absent from the input had no
 * activity; their member count carries over from the last known day.
 */
export function denseSeries(days: readonly ActivityDay[], asOf: number, length: number, timeZone = 'UTC'): ActivityDay[] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const end = localDay(asOf, timeZone);
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  const first = addDays(end, -(length - 1));
  let members = 0;
  for (const d of sorted) if (d.day < first) members = d.members;
  const out: ActivityDay[] = [];
  for (let i = length - 1; i >= 0; i--) {
    const key = addDays(end, -i);
    const found = byDay.get(key);
    if (found) {
      members = found.members;
      out.push(found);
    } else {
      out.push({ ...emptyDay(key), members });
    }
  }
  return out;
}

export function sum(days: readonly ActivityDay[], pick: (d: ActivityDay) => number): number {
  let total = 0;
  for (const d of days) total += pick(d);
  return total;
}

/** The windows every rule reads: last 7 days, the 28 before them, and the last 28. */
export interface Windows {
  last7: ActivityDay[];
  prior28: ActivityDay[];
  last28: ActivityDay[];
  last14: ActivityDay[];
  today: ActivityDay;
}

export const SERIES_DAYS = 35;

export function windows(days: readonly ActivityDay[], asOf: number, timeZone = 'UTC'): Windows {
  const series = denseSeries(days, asOf, SERIES_DAYS, timeZone);
  return {
    last7: series.slice(-7),
    last14: series.slice(-14),
    prior28: series.slice(0, 28),
    last28: series.slice(-28),
    today: series[series.length - 1]!,
  };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

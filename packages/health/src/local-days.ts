// A tenant's days: calendar dates in its IANA time zone. A day in Asia/Shanghai runs 00:00–24:00
// local time (16:00–16:00 UTC), so "yesterday", "silent for 14 days" and daily counts follow the
// tenant's clock, not UTC's.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the engine knows this IANA zone name (UTC included). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function parts(ms: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The `YYYY-MM-DD` date of an instant in a time zone. */
export function localDay(ms: number, timeZone = 'UTC'): string {
  if (timeZone === 'UTC') return new Date(ms).toISOString().slice(0, 10);
  const p = parts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

/** The instant a local day begins (its first millisecond), in epoch ms. */
export function dayStart(day: string, timeZone = 'UTC'): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  if (timeZone === 'UTC') return utcMidnight;
  // Two passes settle days on which the offset changes (daylight saving).
  let guess = utcMidnight - offsetAt(utcMidnight, timeZone);
  guess = utcMidnight - offsetAt(guess, timeZone);
  return guess;
}

/** The last millisecond of a local day. */
export function dayEnd(day: string, timeZone = 'UTC'): number {
  return dayStart(addDays(day, 1), timeZone) - 1;
}

/** Calendar arithmetic on `YYYY-MM-DD` keys (independent of any zone). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

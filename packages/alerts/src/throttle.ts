// De-duplication and rate limiting, pure: callers pass what was raised before and the clock.

import type { Alert } from './types.js';

export interface RaisedBefore {
  alertId: string;
  tenantId: string;
  platform: string;
  groupId: string;
  rule: string;
  /** Epoch ms when it was raised. */
  createdAt: number;
}

export interface ThrottleResult {
  raise: Alert[];
  suppressed: { alert: Alert; reason: string }[];
}

const key = (a: { tenantId: string; platform: string; groupId: string; rule: string }) =>
  `${a.tenantId}\u0000${a.platform}\u0000${a.groupId}\u0000${a.rule}`;

/**
 * Drops alerts already raised (same id) and alerts whose rule fired for the same group within the
 * cooldown, so a group that stays in trouble does not page the team every day.
 */
export function throttleAlerts(candidates: Alert[], history: RaisedBefore[], now: number, cooldownHours: number): ThrottleResult {
  const ids = new Set(history.map((h) => h.alertId));
  const last = new Map<string, number>();
  for (const h of history) last.set(key(h), Math.max(last.get(key(h)) ?? 0, h.createdAt));
  const out: ThrottleResult = { raise: [], suppressed: [] };
  for (const a of candidates) {
    if (ids.has(a.alertId)) { out.suppressed.push({ alert: a, reason: 'already raised' }); continue; }
    const prev = last.get(key(a));
    if (prev !== undefined && now - prev < cooldownHours * 3_600_000) {
      out.suppressed.push({ alert: a, reason: `same rule raised for this group ${Math.round((now - prev) / 60_000)} min ago (cooldown ${cooldownHours} h)` });
      continue;
    }
    ids.add(a.alertId);
    last.set(key(a), now);
    out.raise.push(a);
  }
  return out;
}

/**
 * A sliding one-minute window per channel. `reserve` returns how long to wait before sending, and
 * books that slot, so a burst is spread out rather than dropped.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  reserve(channel: string, maxPerMinute: number, now: number): number {
    const times = (this.sent.get(channel) ?? []).filter((t) => t > now - 60_000);
    let at = now;
    if (times.length >= maxPerMinute) at = times[times.length - maxPerMinute]! + 60_000;
    times.push(at);
    this.sent.set(channel, times);
    return at - now;
  }
}

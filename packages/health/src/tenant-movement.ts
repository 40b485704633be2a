// The movement of a whole tenant: how its groups' last 7 days compare with their own baselines,
// summarised by the median so that a few dying or booming groups do not move it.
import { activityBaseline } from './baseline.js';
import { DEFAULT_CALENDAR } from './calendar.js';
import { groupAgeDays, groupSilentDays } from './signals.js';
import { THRESHOLDS as T } from './thresholds.js';
import type { GroupHealthInput, TenantMovement } from './types.js';
import { round, windows } from './windows.js';

/** What `tenantMovement` reads of each group: the same fields as its health input. */
export type TenantGroupInput = Pick<GroupHealthInput, 'asOf' | 'createdAt' | 'lastHumanMessageAt' | 'days' | 'calendar' | 'timeZone'>;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * The movement of one tenant from the inputs of all its groups, judged as of the same instant.
 * Groups too young to judge, already silent for 14 days, or without a baseline big enough to
 * compare (both messages and active members) do not count.
 */
export function tenantMovement(groups: readonly TenantGroupInput[]): TenantMovement {
  const messageRatios: number[] = [];
  const activeRatios: number[] = [];
  for (const g of groups) {
    if (groupAgeDays(g) < T.newDays || groupSilentDays(g) >= T.deadSilentDays) continue;
    const b = activityBaseline(windows(g.days, g.asOf, g.timeZone), g.createdAt, g.calendar ?? DEFAULT_CALENDAR, g.timeZone);
    if (b.messageRatio === null || b.activeRatio === null) continue;
    messageRatios.push(b.messageRatio);
    activeRatios.push(b.activeRatio);
  }
  const rounded = (v: number | null) => (v === null ? null : round(v, 3));
  return { groups: messageRatios.length, medianMessageRatio: rounded(median(messageRatios)), medianActiveRatio: rounded(median(activeRatios)) };
}

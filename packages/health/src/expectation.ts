// What the calendar and the tenant explain: the share of its usual activity a healthy group keeps
// this week. When most groups of a tenant dip together, that is the calendar, not the group; on
// holidays the group's baseline is widened even when the tenant's movement is not known.
import { THRESHOLDS as T } from './thresholds.js';
import type { TenantMovement } from './types.js';

export interface Expectation {
  /** Expected last-7-day ÷ baseline for human messages and for active members; 1 when nothing explains a dip. */
  messageRatio: number;
  activeRatio: number;
  /** The tenant's medians when they explain a dip (enough groups, most of them down), else null. */
  tenantMessageRatio: number | null;
  tenantActiveRatio: number | null;
  /** Multiplier of the collapse and decline thresholds: below 1 on holidays, whose dips are uneven. */
  thresholdScale: number;
}

/**
 * The tenant's median counts only when it speaks for many groups. On holidays the calendar already
 * says a dip is likely and the tenant says how deep; on other days the dip must be broad (most
 * groups down by a quarter) to pass for an unlisted event rather than for many groups in trouble.
 */
function tenantDip(movement: TenantMovement | undefined, median: (m: TenantMovement) => number | null, holiday: boolean): number | null {
  if (!movement || movement.groups < T.tenantMinGroups) return null;
  const r = median(movement);
  return r !== null && r < (holiday ? 1 : T.tenantDipRatio) ? r : null;
}

export function expectation(holidayDays7d: number, movement: TenantMovement | undefined): Expectation {
  // A whole week of holiday keeps `holidayExpectedRatio` of the usual activity; part of one, proportionally more.
  const share = Math.min(7, holidayDays7d) / 7;
  const holiday = 1 - (1 - T.holidayExpectedRatio) * share;
  const tenantMessageRatio = tenantDip(movement, (m) => m.medianMessageRatio, holidayDays7d > 0);
  const tenantActiveRatio = tenantDip(movement, (m) => m.medianActiveRatio, holidayDays7d > 0);
  // The larger of the two explanations, never so large that a collapse could pass for the calendar.
  const expected = (tenant: number | null) => Math.max(T.minExpectedRatio, Math.min(1, holiday, tenant ?? 1));
  return {
    messageRatio: expected(tenantMessageRatio),
    activeRatio: expected(tenantActiveRatio),
    tenantMessageRatio,
    tenantActiveRatio,
    thresholdScale: 1 - T.holidayBand * share,
  };
}

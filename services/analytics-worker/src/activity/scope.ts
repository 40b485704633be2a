// Which groups, which instant and which time zone a computation covers, as bound query parameters:
// the SQL never sees a value spliced into its text.
import { localDay } from '@qunpulse/health';
import type { GroupRef } from '../context.js';

export interface Scope {
  groups: GroupRef[];
  /** Only events at or before this instant (epoch ms) count. */
  asOf: number;
  /**
   * Events before this instant (epoch ms) are not read; 0 reads the whole history. Every recompute
   * sets it, so its cost follows the window, not the history.
   */
  since?: number;
  /** The tenants' IANA time zone: days begin at 00:00 there (default UTC). Scopes hold one zone. */
  timeZone?: string;
}

export function scopeParams(scope: Scope): Record<string, unknown> {
  return {
    asOf: Math.floor(scope.asOf),
    since: Math.floor(scope.since ?? 0),
    tz: scope.timeZone ?? 'UTC',
    tenants: [...new Set(scope.groups.map((g) => g.tenantId))],
    platforms: [...new Set(scope.groups.map((g) => g.platform))],
    groupIds: [...new Set(scope.groups.map((g) => g.groupId))],
    gt: scope.groups.map((g) => g.tenantId),
    gp: scope.groups.map((g) => g.platform),
    gg: scope.groups.map((g) => g.groupId),
  };
}

/**
 * The scope's groups as key tuples. The three IN lists let the primary key (tenant, platform,
 * group, day) prune; the tuple test keeps exactly the pairs asked for.
 */
export const IN_GROUPS = `tenant_id IN {tenants:Array(String)} AND platform IN {platforms:Array(String)}
  AND group_id IN {groupIds:Array(String)}
  AND (tenant_id, platform, group_id) IN (SELECT arrayJoin(arrayZip({gt:Array(String)}, {gp:Array(String)}, {gg:Array(String)})))`;

const AS_OF_INSTANT = `fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;

/** Conditions on chat_events for the scope's groups up to as-of, from `since` on. */
export const IN_SCOPE = `${IN_GROUPS}
  AND occurred_at <= ${AS_OF_INSTANT}
  AND occurred_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`;

/** The same tenants, every group: ads are recognised by repeating across a tenant's groups. */
export const IN_TENANTS = `tenant_id IN {tenants:Array(String)}
  AND occurred_at <= ${AS_OF_INSTANT}`;

/** The tenant-local day of a DateTime column or expression. */
export const localDate = (expr: string) => `toDate(${expr}, {tz:String})`;

/** The tenant-local as-of day. */
export const AS_OF_DAY = localDate(AS_OF_INSTANT);

export const DAY_MS = 86_400_000;

/** The day of an instant in the scope's time zone. */
export function dayKey(ms: number, timeZone = 'UTC'): string {
  return localDay(ms, timeZone);
}

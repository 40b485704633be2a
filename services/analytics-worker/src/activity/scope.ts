// Which groups and which instant a computation covers, as bound query parameters: the SQL never
// sees a value spliced into its text.
import type { GroupRef } from '../context.js';
import { groupKey } from '../context.js';

export interface Scope {
  groups: GroupRef[];
  /** Only events at or before this instant (epoch ms) count. */
  asOf: number;
  /**
   * Messages before this instant (epoch ms) are not read; 0 reads the whole history. Computations
   * that look back a bounded window set it so long histories do not slow them.
   */
  since?: number;
}

export function scopeParams(scope: Scope): Record<string, unknown> {
  return {
    asOf: scope.asOf,
    since: scope.since ?? 0,
    tenants: [...new Set(scope.groups.map((g) => g.tenantId))],
    keys: scope.groups.map(groupKey),
  };
}

/** Conditions on chat_events for the scope's groups up to as-of. */
export const IN_SCOPE = `tenant_id IN {tenants:Array(String)}
  AND concat(tenant_id, '\\x1f', platform, '\\x1f', group_id) IN {keys:Array(String)}
  AND occurred_at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;

/** The same tenants, every group: ads are recognised by repeating across a tenant's groups. */
export const IN_TENANTS = `tenant_id IN {tenants:Array(String)}
  AND occurred_at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;

export const DAY_MS = 86_400_000;

export function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

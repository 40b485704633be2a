// Writes member_retention for the scope's groups as of the scope's instant, and reads back the
// summary that group health uses.
import type { RetentionSummary } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey } from '../context.js';
import { DAY_MS, scopeParams, type Scope } from '../activity/scope.js';
import { MEMBER_RETENTION, RETENTION_REBUILD_DAYS, RETENTION_SUMMARY } from './queries.js';

/** `recent` rebuilds the memberships that can still change; `all` every one (a group seen for the first time). */
export async function writeRetention(wh: Warehouse, scope: Scope, which: 'all' | 'recent' = 'all'): Promise<void> {
  if (scope.groups.length === 0) return;
  // Only the recent memberships change; their messages lie within the same window.
  const since = which === 'all' ? 0 : Math.max(scope.since ?? 0, scope.asOf - RETENTION_REBUILD_DAYS * DAY_MS);
  await wh.command(MEMBER_RETENTION, scopeParams({ ...scope, since }));
}

interface SummaryRow {
  tenant_id: string; platform: string; group_id: string; memberships: number; eligible_d7: number; kept_d7: number;
  eligible_d30: number; kept_d30: number; left_members: number; silent_members: number;
}

/** Retention of the last 90 days' memberships per group (written by writeRetention for the same as-of). */
export async function readRetentionSummaries(wh: Warehouse, scope: Scope): Promise<Map<string, RetentionSummary>> {
  const rows = await wh.query<SummaryRow>(RETENTION_SUMMARY, scopeParams(scope));
  return new Map(rows.map((r) => [groupKey({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id }), {
    memberships: Number(r.memberships), eligibleD7: Number(r.eligible_d7), retainedD7: Number(r.kept_d7),
    eligibleD30: Number(r.eligible_d30), retainedD30: Number(r.kept_d30), churned: Number(r.left_members),
    silentChurned: Number(r.silent_members),
  }]));
}

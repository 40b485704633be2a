// The fission signals group health reads: the latest the fission step wrote up to the as-of day
// (the daily judgement writes the day's own before health; a live refresh reads the day before's).
import type { FissionSignals } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey } from '../context.js';
import { AS_OF_DAY, IN_GROUPS, scopeParams, type Scope } from '../activity/scope.js';

/** Fission rows older than this no longer explain a verdict. */
const SIGNALS_MAX_AGE_DAYS = 7;

const SIGNALS = `
  SELECT tenant_id, platform, group_id, invitations, deep_invitations, deep_share, max_depth
  FROM group_fission_daily FINAL
  WHERE ${IN_GROUPS} AND day <= ${AS_OF_DAY} AND day > ${AS_OF_DAY} - ${SIGNALS_MAX_AGE_DAYS}
  ORDER BY day DESC
  LIMIT 1 BY tenant_id, platform, group_id`;

interface Row { tenant_id: string; platform: string; group_id: string; invitations: number; deep_invitations: number; deep_share: number | null; max_depth: number }

export async function readFissionSignals(wh: Warehouse, scope: Scope): Promise<Map<string, FissionSignals>> {
  const rows = await wh.query<Row>(SIGNALS, scopeParams(scope));
  return new Map(rows.map((r) => [groupKey({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id }), {
    invitations: Number(r.invitations), deepInvitations: Number(r.deep_invitations),
    deepShare: r.deep_share === null ? null : Number(r.deep_share), maxDepth: Number(r.max_depth),
  }]));
}

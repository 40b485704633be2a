// What the report shows when nobody picks: the tenant with the most groups, the whole data range,
// and as the spotlight group the one in the worst shape (dying first, then the lowest score).
import type { Warehouse } from '@qunpulse/warehouse';
import { ALL } from '../panels/types.js';
import type { TimeRange, VariableValues } from './bind.js';

export interface ReportScope {
  tenant: string;
  group: { platform: string; groupId: string; name: string; status: string };
  range: TimeRange;
}

export class NoDataError extends Error {}

const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export async function reportScope(wh: Warehouse, opts: { tenant?: string; group?: string } = {}): Promise<ReportScope> {
  const tenants = await wh.query<{ tenant_id: string; groups: number }>(
    'SELECT tenant_id, uniqExact(platform, group_id) AS groups FROM group_health_daily GROUP BY tenant_id ORDER BY groups DESC, tenant_id');
  if (tenants.length === 0) throw new NoDataError('no group health rows yet: import or simulate events and let the analytics run first');
  const tenant = opts.tenant ?? tenants[0]!.tenant_id;
  if (!tenants.some((t) => t.tenant_id === tenant)) {
    throw new NoDataError(`tenant ${JSON.stringify(tenant)} has no health rows (tenants: ${tenants.map((t) => t.tenant_id).join(', ')})`);
  }
  // From the earliest day any table knows (health may only hold the days analytics ran on).
  const [span] = await wh.query<{ first: string; last: string }>(
    `SELECT toString(least(
         (SELECT min(day) FROM group_health_daily WHERE tenant_id = {t:String}),
         ifNull((SELECT min(day) FROM group_activity_daily WHERE tenant_id = {t:String}), toDate('2100-01-01')),
         ifNull((SELECT min(join_week) FROM member_retention WHERE tenant_id = {t:String}), toDate('2100-01-01')))) AS first,
       toString((SELECT max(day) FROM group_health_daily WHERE tenant_id = {t:String})) AS last`, { t: tenant });
  const groups = await wh.query<{ platform: string; group_id: string; group_name: string; status: string }>(
    `SELECT platform, group_id, group_name, status
     FROM group_health_daily FINAL
     WHERE tenant_id = {t:String} AND day = (SELECT max(day) FROM group_health_daily WHERE tenant_id = {t:String})
       AND ({g:String} = '' OR group_id = {g:String})
     ORDER BY multiIf(status = 'dying', 0, status = 'declining', 1, status = 'dead', 3, 2), health_score, members DESC, group_id
     LIMIT 1`, { t: tenant, g: opts.group ?? '' });
  const g = groups[0];
  if (!g) throw new NoDataError(`group ${JSON.stringify(opts.group)} has no health rows on the latest day for tenant ${tenant}`);
  return {
    tenant,
    group: { platform: g.platform, groupId: g.group_id, name: g.group_name, status: g.status },
    range: { from: dayMs(span!.first), to: dayMs(span!.last) + 86_399_000 },
  };
}

/** Variable values for one dashboard: the Group dashboard shows the spotlight group, others all groups. */
export function variablesFor(dashboardUid: string, s: ReportScope): VariableValues {
  const spotlight = dashboardUid === 'qunpulse-group';
  return {
    tenant: s.tenant,
    platform: spotlight ? s.group.platform : ALL,
    purpose: ALL,
    group: spotlight ? s.group.groupId : ALL,
  };
}

// Tenant settings that give a simulated community response times to measure: each group's owner
// (from its group_created event) is listed as staff, and every group is measured.
import { GROUP_PURPOSES } from '@qunpulse/contracts';
import { setTenantAccounts, setTenantSla } from '@qunpulse/analytics-worker';
import type { Warehouse } from '@qunpulse/warehouse';

export async function ownersAsStaff(wh: Warehouse, tenantId: string): Promise<void> {
  const owners = await wh.query<{ owner: string }>(
    `SELECT DISTINCT group_owner_id AS owner FROM chat_events WHERE tenant_id = {t:String} AND type = 'group_created' AND group_owner_id != ''`, { t: tenantId });
  await setTenantAccounts(wh, tenantId, owners.map((o) => ({ memberId: o.owner, role: 'staff' as const })));
  await setTenantSla(wh, tenantId, { purposes: [...GROUP_PURPOSES] });
}

// A tenant's own staff and bot accounts: never ranked as KOLs (they sit at the centre of the graph
// because it is their job or their code, not because the community gathers around them).
import type { Warehouse } from '@qunpulse/warehouse';
import { z } from 'zod';

export const ACCOUNT_ROLES = ['staff', 'bot'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

const memberIdSchema = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

export interface AccountChange {
  memberId: string;
  /** null: no longer listed. */
  role: AccountRole | null;
}

/** Lists (or unlists) accounts of a tenant; each change replaces the account's previous role. */
export async function setTenantAccounts(wh: Warehouse, tenantId: string, changes: readonly AccountChange[]): Promise<void> {
  if (!tenantId) throw new Error('tenant: must not be empty');
  const rows = changes.map((c, i) => {
    const id = memberIdSchema.safeParse(c.memberId);
    if (!id.success) throw new Error(`member id ${i + 1} (${JSON.stringify(c.memberId)}): ${id.error.issues[0]!.message}`);
    return { tenant_id: tenantId, member_id: id.data, role: c.role ?? '' };
  });
  if (rows.length) await wh.insert('tenant_accounts', rows);
}

export interface TenantAccounts {
  staff: Set<string>;
  bots: Set<string>;
}

/** Every listed account of each tenant asked for (empty sets for tenants that listed none). */
export async function readTenantAccounts(wh: Warehouse, tenantIds: Iterable<string>): Promise<Map<string, TenantAccounts>> {
  const tenants = [...new Set(tenantIds)];
  const out = new Map(tenants.map((t) => [t, { staff: new Set<string>(), bots: new Set<string>() }]));
  if (tenants.length === 0) return out;
  const rows = await wh.query<{ tenant_id: string; member_id: string; role: string }>(
    `SELECT tenant_id, member_id, argMax(role, updated_at) AS role FROM tenant_accounts
     WHERE tenant_id IN {tenants:Array(String)} GROUP BY tenant_id, member_id HAVING role != ''`, { tenants });
  for (const r of rows) {
    const t = out.get(r.tenant_id)!;
    if (r.role === 'staff') t.staff.add(r.member_id);
    else if (r.role === 'bot') t.bots.add(r.member_id);
  }
  return out;
}

/** The accounts never ranked: staff and bots alike. */
export const unranked = (a: TenantAccounts | undefined): Set<string> => new Set([...(a?.staff ?? []), ...(a?.bots ?? [])]);

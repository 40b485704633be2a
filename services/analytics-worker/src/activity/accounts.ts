// Which authors are the tenant's bots and staff, as SQL over the scope's tenants. Bots count in no
// metric; staff count apart from the community. A bot is an account the tenant listed as one, one
// named like a well-known bot (@qunpulse/graph's names), or one the tenant's latest KOL snapshot
// recognised by behaviour (only automated notices). Like the spammer flags, only the latest
// snapshot counts, so the live worker and a computation from scratch agree.
import { KNOWN_BOT_PATTERN } from '@qunpulse/graph';
import { AS_OF_DAY } from './scope.js';

/** A KOL snapshot older than this no longer flags spammers or bots (the graph runs daily). */
export const KOL_SNAPSHOT_MAX_AGE_DAYS = 30;

const sqlString = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** (tenant_id, member_id) of the scope's tenants' accounts listed with a role ('staff' or 'bot'). */
export const listedAccounts = (role: 'staff' | 'bot') => `
  SELECT tenant_id, member_id FROM tenant_accounts WHERE tenant_id IN {tenants:Array(String)}
  GROUP BY tenant_id, member_id HAVING argMax(role, updated_at) = '${role}'`;

/** (tenant_id, member_id) recognised as bots by behaviour on the tenant's latest KOL snapshot. */
const DETECTED_BOTS = `
  SELECT tenant_id, member_id FROM tenant_kol_daily FINAL
  WHERE tenant_id IN {tenants:Array(String)} AND is_bot = 1 AND horizon = 'current'
    AND (tenant_id, day) IN (
      SELECT tenant_id, max(day) FROM tenant_kol_daily WHERE tenant_id IN {tenants:Array(String)} AND horizon = 'current'
        AND day <= ${AS_OF_DAY} AND day > ${AS_OF_DAY} - ${KOL_SNAPSHOT_MAX_AGE_DAYS}
      GROUP BY tenant_id)`;

/** Whether the author (tenant and member columns given) is a bot. */
export const isBot = (tenant = 'tenant_id', member = 'member_id') =>
  `(match(${member}, ${sqlString(KNOWN_BOT_PATTERN)}) OR (${tenant}, ${member}) IN (${listedAccounts('bot')}) OR (${tenant}, ${member}) IN (${DETECTED_BOTS}))`;

/** Whether the author is one of the tenant's listed staff. */
export const isStaff = (tenant = 'tenant_id', member = 'member_id') => `(${tenant}, ${member}) IN (${listedAccounts('staff')})`;

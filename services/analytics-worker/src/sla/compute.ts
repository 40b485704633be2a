// group_sla_daily and staff_sla_daily for the scope's measured groups as of the scope's instant:
// the waits begun in the last SLA_WINDOW_DAYS local days, measured in the tenant's work hours.
import {
  acknowledgementMatcher, addDays, dayStart, measureWaits, slaBreached, slaJudged, summarizeByStaff, summarizeWaits,
  type SlaMessage, type SlaRules, type Wait,
} from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey } from '../context.js';
import { readGroupInfo } from '../activity/compute.js';
import { dayKey, scopeParams, type Scope } from '../activity/scope.js';
import { readTenantAccounts } from '../tenant-accounts.js';
import { readTenantCalendars } from '../tenant-calendars.js';
import { readTenantSla, slaApplies } from '../tenant-sla.js';
import { SLA_MESSAGES } from './queries.js';

/** Waits begun in this many local days, the as-of day included, are summarised. */
export const SLA_WINDOW_DAYS = 7;
/**
 * Days read before the window: a member still waiting when the window opens has not begun a new
 * wait by writing again. Bounded, so a recompute never reads the whole history.
 */
export const SLA_LOOKBACK_DAYS = 7;

interface MessageRow { tenant_id: string; platform: string; group_id: string; event_id: string; member_id: string; at: number; text: string; kind: string }

export interface GroupSla { tenantId: string; platform: string; groupId: string; day: string; rows: { group: Record<string, unknown>; staff: Record<string, unknown>[] } }

export async function computeSla(wh: Warehouse, scope: Scope): Promise<GroupSla[]> {
  if (scope.groups.length === 0) return [];
  const tenants = scope.groups.map((g) => g.tenantId);
  const [info, settings, accounts, calendars] = await Promise.all([
    readGroupInfo(wh, scope), readTenantSla(wh, tenants), readTenantAccounts(wh, tenants), readTenantCalendars(wh, tenants),
  ]);
  // Only groups the tenant measures, of tenants that listed who their staff are: without staff
  // nobody can answer, and every member message would count as a miss.
  const measured = [...info.values()].filter((g) => slaApplies(settings.get(g.tenantId)!, g) && accounts.get(g.tenantId)!.staff.size > 0);
  if (measured.length === 0) return [];
  const tz = scope.timeZone ?? 'UTC';
  const day = dayKey(scope.asOf, tz);
  const windowStart = dayStart(addDays(day, -(SLA_WINDOW_DAYS - 1)), tz);
  const since = dayStart(addDays(day, -(SLA_WINDOW_DAYS + SLA_LOOKBACK_DAYS - 1)), tz);
  const rows = await wh.query<MessageRow>(SLA_MESSAGES, scopeParams({ ...scope, groups: measured, since }));
  const byGroup = new Map<string, SlaMessage[]>();
  for (const r of rows) {
    const k = groupKey({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id });
    const list = byGroup.get(k) ?? [];
    list.push({ eventId: r.event_id, memberId: r.member_id, at: Number(r.at), text: r.text, kind: r.kind });
    byGroup.set(k, list);
  }
  const matchers = new Map<string, (t: string) => boolean>();
  return measured.map((g) => {
    const s = settings.get(g.tenantId)!;
    const acc = accounts.get(g.tenantId)!;
    let isAcknowledgement = matchers.get(g.tenantId);
    if (!isAcknowledgement) matchers.set(g.tenantId, (isAcknowledgement = acknowledgementMatcher(s.acknowledgements)));
    const rules: SlaRules = { week: s.workHours, timeZone: tz, calendar: calendars.get(g.tenantId)!, isAcknowledgement };
    const waits: Wait[] = measureWaits(byGroup.get(groupKey(g)) ?? [], acc.staff, acc.bots, scope.asOf, rules)
      .filter((w) => w.askedAt >= windowStart);
    const summary = summarizeWaits(waits, s.targetMinutes);
    const key = { tenant_id: g.tenantId, platform: g.platform, group_id: g.groupId, day };
    return {
      tenantId: g.tenantId, platform: g.platform, groupId: g.groupId, day,
      rows: {
        group: {
          ...key, window_days: SLA_WINDOW_DAYS, target_minutes: s.targetMinutes, questions: summary.questions, answered: summary.answered,
          within_target: summary.withinTarget, overdue: summary.overdue, within_share: summary.withinShare,
          p50_minutes: summary.p50Minutes, p90_minutes: summary.p90Minutes, breached: slaBreached(summary, s.breachBelowShare, s.minJudged) ? 1 : 0, judged: slaJudged(summary, s.minJudged) ? 1 : 0,
        },
        staff: [...summarizeByStaff(waits, s.targetMinutes)].map(([staffId, st]) => ({
          ...key, staff_id: staffId, answered: st.answered, within_target: st.withinTarget, within_share: st.withinShare,
          p50_minutes: st.p50Minutes, p90_minutes: st.p90Minutes,
        })),
      },
    };
  });
}

export async function writeSla(wh: Warehouse, scope: Scope): Promise<GroupSla[]> {
  const out = await computeSla(wh, scope);
  if (out.length) await wh.insert('group_sla_daily', out.map((g) => g.rows.group));
  const staff = out.flatMap((g) => g.rows.staff);
  if (staff.length) await wh.insert('staff_sla_daily', staff);
  return out;
}

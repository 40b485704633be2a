// A tenant's response-time settings, kept in the warehouse and validated on the way in and out with
// one schema: which groups are measured, the target, work hours and the acknowledgement words.
import { GROUP_PURPOSES } from '@qunpulse/contracts';
import { DEFAULT_ACKNOWLEDGEMENTS, DEFAULT_WORK_WEEK, WEEKDAYS, type WorkRange, type WorkWeek } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { z } from 'zod';

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const workRange = z.string().transform((s, ctx): WorkRange => {
  const [from, to] = s.split('-').map((p) => p.trim());
  const end = to === '24:00' ? 24 * 60 : to && CLOCK.test(to) ? minutesOf(to) : null;
  if (!from || !CLOCK.test(from) || end === null) {
    ctx.addIssue({ code: 'custom', message: `must be a range written HH:MM-HH:MM (e.g. 09:00-18:00), got ${JSON.stringify(s.slice(0, 40))}` });
    return z.NEVER;
  }
  if (end <= minutesOf(from)) {
    ctx.addIssue({ code: 'custom', message: `must end after it starts, got ${JSON.stringify(s)}` });
    return z.NEVER;
  }
  return { start: minutesOf(from), end };
});

const dayRanges = z.array(workRange).max(8, 'must list at most 8 ranges');

/** Weekdays not listed have no work hours; `workHours` left out is Monday to Friday, 09:00-18:00. */
const workWeekSchema = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges.optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<typeof dayRanges>>)
  .strict()
  .transform((w): WorkWeek => Object.fromEntries(WEEKDAYS.map((d) => [d, w[d] ?? []])) as unknown as WorkWeek)
  .refine((w) => WEEKDAYS.some((d) => w[d].length > 0), 'must give at least one weekday work hours');

const groupId = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

export const slaSettingsSchema = z.object({
  /** A wait longer than this many work-hour minutes misses the service level. */
  targetMinutes: z.number().int('must be whole minutes').positive('must be positive').max(7 * 24 * 60, 'must be at most a week').default(30),
  workHours: workWeekSchema.default(DEFAULT_WORK_WEEK as never),
  /** Groups of these purposes are measured… */
  purposes: z.array(z.enum(GROUP_PURPOSES, { error: `must be one of ${GROUP_PURPOSES.join(', ')}` })).default(['support', 'sales']),
  /** …and these groups (ids), whatever their purpose… */
  groups: z.array(groupId).max(10_000).default([]),
  /** …but never these. */
  excludeGroups: z.array(groupId).max(10_000).default([]),
  /** Messages made only of these words (and punctuation, emoji among them) neither ask nor answer. */
  acknowledgements: z.array(z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters')).max(1000).default([...DEFAULT_ACKNOWLEDGEMENTS]),
  /** A group breaks its service level when fewer than this share of judged waits were answered in time… */
  breachBelowShare: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0.8),
  /** …among at least this many judged waits in the window. */
  minJudged: z.number().int().positive('must be positive').default(5),
}).strict();

export type SlaSettings = z.output<typeof slaSettingsSchema>;
export const DEFAULT_SLA_SETTINGS: SlaSettings = slaSettingsSchema.parse({});

export class SlaSettingsError extends Error {
  constructor(readonly problems: string[], source: string) {
    super(`Invalid SLA settings (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SlaSettingsError';
  }
}

export function parseSlaSettings(input: unknown, source = 'SLA settings'): SlaSettings {
  const r = slaSettingsSchema.safeParse(input);
  if (r.success) return r.data;
  throw new SlaSettingsError(r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`), source);
}

/** Whether a group is measured under the settings. */
export function slaApplies(s: SlaSettings, g: { groupId: string; purpose: string }): boolean {
  if (s.excludeGroups.includes(g.groupId)) return false;
  return s.groups.includes(g.groupId) || (s.purposes as string[]).includes(g.purpose);
}

/** Replaces a tenant's SLA settings; throws naming each invalid field. Returns the settings stored. */
export async function setTenantSla(wh: Warehouse, tenantId: string, input: unknown, source = 'SLA settings'): Promise<SlaSettings> {
  if (!tenantId) throw new Error('tenant: must not be empty');
  const settings = parseSlaSettings(input, source);
  // The input is kept, not the parsed form: work hours stay as people write them.
  await wh.insert('tenant_sla_settings', [{ tenant_id: tenantId, settings: JSON.stringify(input) }]);
  return settings;
}

/** Each tenant's settings (the defaults for tenants without their own). */
export async function readTenantSla(wh: Warehouse, tenantIds: Iterable<string>): Promise<Map<string, SlaSettings>> {
  const tenants = [...new Set(tenantIds)];
  const out = new Map(tenants.map((t) => [t, DEFAULT_SLA_SETTINGS]));
  if (tenants.length === 0) return out;
  const rows = await wh.query<{ tenant_id: string; settings: string }>(
    `SELECT tenant_id, argMax(settings, updated_at) AS settings FROM tenant_sla_settings
     WHERE tenant_id IN {tenants:Array(String)} GROUP BY tenant_id`, { tenants });
  for (const r of rows) out.set(r.tenant_id, parseSlaSettings(JSON.parse(r.settings), `stored SLA settings of tenant ${r.tenant_id}`));
  return out;
}

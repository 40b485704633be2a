// `qunpulse tenant`: a tenant's settings kept in the warehouse: its time zone, its own staff and
// bot accounts (never ranked as KOLs) and its holiday calendar.
import { readFileSync } from 'node:fs';
import {
  readTenantAccounts, readTenantCalendars, readTenantTimeZones, setTenantAccounts, setTenantCalendar, setTenantTimeZone, type AccountChange,
  parseSlaSettings, readTenantSla, setTenantSla,
} from '@qunpulse/analytics-worker';
import { describeSla } from './tenant-sla-text.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { openRuntime } from '../runtime.js';

const ids = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function readJsonFile(option: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--${option}: cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--${option}: ${file} is not JSON: ${(err as Error).message}`);
  }
}

export const tenantCommand: Command = {
  name: 'tenant',
  summary: "Show or set a tenant's time zone, staff and bot accounts, and holiday calendar",
  usage: `Usage: qunpulse tenant TENANT [--time-zone ZONE] [--staff IDS] [--bot IDS] [--unlist IDS] [--calendar FILE] [--sla FILE]

Without options, prints the tenant's settings.

  --time-zone ZONE  where the tenant's days begin (IANA name, e.g. Asia/Shanghai; default UTC):
                    daily counts, "silent for 14 days", cohorts, the daily judgement and alerts
                    follow it; days computed before keep their zone until recomputed
  --staff IDS       member ids (comma-separated, repeatable) of the tenant's own staff
  --bot IDS         member ids of the tenant's bots (well-known bot names are recognised unlisted)
  --unlist IDS      member ids no longer listed as staff or bot
                    Listed accounts are never ranked as KOLs, from the next daily judgement on.
  --calendar FILE   the tenant's holiday calendar, JSON:
                      {"builtIn": ["spring_festival", "national_day", "new_year", "christmas"],
                       "custom": [{"name": "company retreat", "from": "2026-05-04", "to": "2026-05-08"}]}
                    builtIn lists the built-in holidays that apply (all when left out); custom adds
                    the tenant's own ranges (at most 62 days each). On these days baselines widen,
                    so a tenant-wide dip is not read as decline.
  --sla FILE        response-time settings, JSON (every field optional; these are the defaults):
                      {"targetMinutes": 30, "purposes": ["support", "sales"], "groups": [], "excludeGroups": [],
                       "workHours": {"mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"],
                                     "thu": ["09:00-18:00"], "fri": ["09:00-18:00"]},
                       "acknowledgements": ["谢谢", "好的", "收到", "ok", "thanks", "👍", ...],
                       "breachBelowShare": 0.8, "minJudged": 5}
                    Groups of the purposes, and the groups listed, are measured (excludeGroups never):
                    the time from a member's message to the first staff reply (--staff), in work
                    hours (weekdays not listed have none; holidays of --calendar are skipped);
                    messages made only of acknowledgements neither ask nor answer. A group breaks
                    its SLA when, over 7 days, fewer than breachBelowShare of at least minJudged
                    waits were answered within targetMinutes.`,
  async run(args) {
    const { values, positionals } = parse(args, {
      'time-zone': { type: 'string' },
      staff: { type: 'string', multiple: true },
      bot: { type: 'string', multiple: true },
      unlist: { type: 'string', multiple: true },
      calendar: { type: 'string' },
      sla: { type: 'string' },
    }, true);
    const tenant = positionals[0];
    if (!tenant || positionals.length > 1) throw new UsageError('name one tenant');
    const changes: AccountChange[] = [
      ...ids(values.staff).map((memberId) => ({ memberId, role: 'staff' as const })),
      ...ids(values.bot).map((memberId) => ({ memberId, role: 'bot' as const })),
      ...ids(values.unlist).map((memberId) => ({ memberId, role: null })),
    ];
    const twice = changes.map((c) => c.memberId).find((id, i, all) => all.indexOf(id) !== i);
    if (twice !== undefined) throw new UsageError(`member ${JSON.stringify(twice)} is named more than once`);
    const calendar = values.calendar !== undefined ? readJsonFile('calendar', values.calendar) : undefined;
    const sla = values.sla !== undefined ? readJsonFile('sla', values.sla) : undefined;
    // Checked before anything is stored: a bad file changes none of the tenant's settings.
    if (sla !== undefined) parseSlaSettings(sla, values.sla);

    const rt = await openRuntime({ name: 'tenant', kafka: false });
    try {
      if (values['time-zone'] !== undefined) await setTenantTimeZone(rt.warehouse, tenant, values['time-zone']);
      if (changes.length) await setTenantAccounts(rt.warehouse, tenant, changes);
      if (calendar !== undefined) await setTenantCalendar(rt.warehouse, tenant, calendar, values.calendar);
      if (sla !== undefined) await setTenantSla(rt.warehouse, tenant, sla, values.sla);
      const [zones, accounts, calendars, slas] = await Promise.all([
        readTenantTimeZones(rt.warehouse, [tenant]), readTenantAccounts(rt.warehouse, [tenant]), readTenantCalendars(rt.warehouse, [tenant]),
        readTenantSla(rt.warehouse, [tenant]),
      ]);
      const a = accounts.get(tenant)!;
      const c = calendars.get(tenant)!;
      const list = (s: Set<string>) => [...s].sort().join(',') || '-';
      process.stdout.write([
        `tenant\t${tenant}`,
        `time zone\t${zones.get(tenant)}`,
        `staff\t${list(a.staff)}`,
        `bots\t${list(a.bots)}`,
        `holidays\t${[...c.builtIn, ...c.custom.map((h) => `${h.name} ${h.from}..${h.to}`)].join(', ') || '-'}`,
        `response sla\t${describeSla(slas.get(tenant)!)}`,
      ].join('\n') + '\n');
      return 0;
    } finally {
      await rt.close();
    }
  },
};

// `qunpulse tenant`: a tenant's settings kept in the warehouse: its time zone, its own staff and
// bot accounts (never ranked as KOLs) and its holiday calendar.
import { readFileSync } from 'node:fs';
import {
  readTenantAccounts, readTenantCalendars, readTenantTimeZones, setTenantAccounts, setTenantCalendar, setTenantTimeZone, type AccountChange,
} from '@qunpulse/analytics-worker';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { openRuntime } from '../runtime.js';

const ids = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function readCalendarFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--calendar: cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--calendar: ${file} is not JSON: ${(err as Error).message}`);
  }
}

export const tenantCommand: Command = {
  name: 'tenant',
  summary: "Show or set a tenant's time zone, staff and bot accounts, and holiday calendar",
  usage: `Usage: qunpulse tenant TENANT [--time-zone ZONE] [--staff IDS] [--bot IDS] [--unlist IDS] [--calendar FILE]

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
                    so a tenant-wide dip is not read as decline.`,
  async run(args) {
    const { values, positionals } = parse(args, {
      'time-zone': { type: 'string' },
      staff: { type: 'string', multiple: true },
      bot: { type: 'string', multiple: true },
      unlist: { type: 'string', multiple: true },
      calendar: { type: 'string' },
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
    const calendar = values.calendar !== undefined ? readCalendarFile(values.calendar) : undefined;

    const rt = await openRuntime({ name: 'tenant', kafka: false });
    try {
      if (values['time-zone'] !== undefined) await setTenantTimeZone(rt.warehouse, tenant, values['time-zone']);
      if (changes.length) await setTenantAccounts(rt.warehouse, tenant, changes);
      if (calendar !== undefined) await setTenantCalendar(rt.warehouse, tenant, calendar, values.calendar);
      const [zones, accounts, calendars] = await Promise.all([
        readTenantTimeZones(rt.warehouse, [tenant]), readTenantAccounts(rt.warehouse, [tenant]), readTenantCalendars(rt.warehouse, [tenant]),
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
      ].join('\n') + '\n');
      return 0;
    } finally {
      await rt.close();
    }
  },
};

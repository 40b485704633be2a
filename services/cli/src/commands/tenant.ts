// `qunpulse tenant`: a tenant's settings kept in the warehouse (today: its time zone).
import { readTenantTimeZones, setTenantTimeZone } from '@qunpulse/analytics-worker';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { openRuntime } from '../runtime.js';

export const tenantCommand: Command = {
  name: 'tenant',
  summary: "Show or set a tenant's time zone (where its days begin)",
  usage: `Usage: qunpulse tenant TENANT [--time-zone ZONE]

Days are the tenant's days: daily counts, "silent for 14 days", cohorts, the daily judgement and
alerts begin at 00:00 in its IANA time zone (default UTC). With --time-zone, sets it (for example
Asia/Shanghai); days computed before keep their zone until recomputed. Without, prints it.`,
  async run(args) {
    const { values, positionals } = parse(args, { 'time-zone': { type: 'string' } }, true);
    const tenant = positionals[0];
    if (!tenant || positionals.length > 1) throw new UsageError('name one tenant');
    const rt = await openRuntime({ name: 'tenant', kafka: false });
    try {
      if (values['time-zone'] !== undefined) await setTenantTimeZone(rt.warehouse, tenant, values['time-zone']);
      const zone = (await readTenantTimeZones(rt.warehouse, [tenant])).get(tenant);
      process.stdout.write(`${tenant}\t${zone}\n`);
      return 0;
    } finally {
      await rt.close();
    }
  },
};

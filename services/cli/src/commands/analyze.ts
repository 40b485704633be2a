import { buildReport, latestEventTime, listGroups, recompute, renderReportText } from '@qunpulse/analytics-worker';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse, timeOption } from '../args.js';
import { importNdjson, renderSummary } from '../importing.js';
import { startPipeline } from '../pipeline.js';
import { openRuntime } from '../runtime.js';
import { TENANTS_OPTION_HELP, tenantPolicies } from '../tenant-policies.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'One shot: import files through Kafka into ClickHouse, compute analytics, print the report',
  usage: `Usage: qunpulse analyze ndjson FILE... [--json] [--as-of TIME] [--tenant ID] [--tenants FILE]

Starts (or reuses) Kafka and the warehouse, imports the files through the real pipeline, waits until
every event is stored, recomputes the analytics and prints the group report.
  --json        print the report as JSON (one entry per group)
  --as-of TIME  analyse as of this time (ISO-8601 or epoch ms); default: the latest event
  --tenant ID   only this tenant
  ${TENANTS_OPTION_HELP}`,
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, 'as-of': { type: 'string' }, tenant: { type: 'string' }, tenants: { type: 'string' } });
    const [format, ...files] = positionals;
    if (format !== 'ndjson') throw new UsageError('FORMAT must be ndjson');
    if (files.length === 0) throw new UsageError('give at least one FILE');
    const asOfOpt = timeOption(values['as-of'], 'as-of');
    const policies = tenantPolicies(values.tenants);
    const rt = await openRuntime({ name: 'analyze' });
    const pipeline = await startPipeline({ bus: rt.bus, warehouse: rt.warehouse, log: rt.log, intervalMs: 0, clock: 'data' });
    try {
      const summary = await importNdjson(rt.bus, files, { quiet: values.json === true, policies });
      await pipeline.waitUntilStored();
      const asOf = asOfOpt ?? (await latestEventTime(rt.warehouse, values.tenant)) ?? Date.now();
      await recompute({ warehouse: rt.warehouse, asOf, groups: await listGroups(rt.warehouse, values.tenant), log: rt.log });
      const full = await buildReport(rt.warehouse, { asOf, ...(values.tenant ? { tenantId: values.tenant } : {}) });
      if (values.json) {
        process.stdout.write(JSON.stringify({ import: summary, ...full }, null, 2) + '\n');
      } else {
        process.stderr.write(renderSummary(summary));
        process.stdout.write(renderReportText(full));
      }
      return 0;
    } finally {
      await pipeline.stop();
      await rt.close();
    }
  },
};

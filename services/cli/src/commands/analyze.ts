import { randomBytes } from 'node:crypto';
import { buildReport, latestEventTime, listGroups, recompute, renderReportText, type Report } from '@qunpulse/analytics-worker';
import { onCluster } from '@qunpulse/warehouse';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse, timeOption } from '../args.js';
import { importNdjson, renderSummary } from '../importing.js';
import { startPipeline } from '../pipeline.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { TENANTS_OPTION_HELP, tenantPolicies } from '../tenant-policies.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'One shot: analyse only the given files (isolated topics and store), print the report',
  usage: `Usage: qunpulse analyze ndjson FILE... [--json] [--as-of TIME] [--tenant ID] [--tenants FILE] [--keep]

Imports the files through the real pipeline into topics and a warehouse database of their own, so
nothing else stored or imported shows up; waits until every event is stored, judges each tenant as of
its own latest event, prints the report (with the as-of used) and removes the topics and database.
  --json        print the report as JSON (one entry per group; asOf per tenant)
  --as-of TIME  analyse every tenant as of this time (ISO-8601 or epoch ms)
  --tenant ID   only this tenant
  --keep        keep the topics and database (their names are printed)
  ${TENANTS_OPTION_HELP}`,
  async run(args) {
    const { values, positionals } = parse(args, {
      json: { type: 'boolean' }, 'as-of': { type: 'string' }, tenant: { type: 'string' }, keep: { type: 'boolean' }, tenants: { type: 'string' },
    });
    const [format, ...files] = positionals;
    if (format !== 'ndjson') throw new UsageError('FORMAT must be ndjson');
    if (files.length === 0) throw new UsageError('give at least one FILE');
    const asOfOpt = timeOption(values['as-of'], 'as-of');
    // One run's own names: topics under their own namespace, tables in their own database.
    const run = `analyze_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const policies = tenantPolicies(values.tenants);
    const rt = await openRuntime({ name: 'analyze', isolated: run });
    const keep = values.keep === true;
    try {
      const pipeline = await startPipeline({ bus: rt.bus, warehouse: rt.warehouse, log: rt.log, intervalMs: 0, clock: 'data', consumerGroup: run });
      let summary;
      try {
        summary = await importNdjson(rt.bus, files, { quiet: values.json === true, policies });
        await pipeline.waitUntilStored();
      } finally {
        await pipeline.stop();
      }
      const report = await analyzePerTenant(rt, asOfOpt, values.tenant);
      if (values.json) {
        process.stdout.write(JSON.stringify({ import: summary, ...report, ...(keep ? { kept: kept(rt) } : {}) }, null, 2) + '\n');
      } else {
        process.stderr.write(renderSummary(summary));
        for (const r of report.perTenant) {
          process.stdout.write(`tenant ${r.tenants[0]?.tenantId ?? '?'}: judged as of ${r.asOf} (${asOfOpt === undefined ? 'its latest event' : '--as-of'})\n`);
          process.stdout.write(renderReportText(r));
        }
        if (keep) process.stdout.write(`kept: topics ${kept(rt).namespace}.*, database ${kept(rt).database}\n`);
      }
      return 0;
    } finally {
      if (!keep) await removeRun(rt);
      await rt.close();
    }
  },
};

const kept = (rt: Runtime) => ({ namespace: rt.bus.settings.namespace, database: rt.warehouse.database });

/** Each tenant judged as of its own latest event (or --as-of), so one tenant's export never ages another's. */
async function analyzePerTenant(rt: Runtime, asOfOpt: number | undefined, only: string | undefined) {
  const tenants = [...new Set((await listGroups(rt.warehouse, only)).map((g) => g.tenantId))];
  const perTenant: Report[] = [];
  const asOf: Record<string, string> = {};
  for (const tenantId of tenants) {
    const when = asOfOpt ?? (await latestEventTime(rt.warehouse, tenantId))!;
    await recompute({ warehouse: rt.warehouse, asOf: when, groups: await listGroups(rt.warehouse, tenantId), log: rt.log });
    const r = await buildReport(rt.warehouse, { asOf: when, tenantId });
    perTenant.push(r);
    asOf[tenantId] = r.asOf;
  }
  return {
    schema: 'qunpulse-report/v1' as const, asOf, generatedAt: new Date().toISOString(),
    tenants: perTenant.flatMap((r) => r.tenants), groups: perTenant.flatMap((r) => r.groups), perTenant,
  };
}

async function removeRun(rt: Runtime): Promise<void> {
  await rt.warehouse.command(`DROP DATABASE IF EXISTS ${rt.warehouse.database}${onCluster(rt.warehouse)}`).catch((err) => rt.log.warn({ err }, 'could not drop the run database'));
  const topics = Object.values(rt.bus.topics);
  await rt.bus.admin((a) => a.deleteTopics({ topics })).catch((err) => rt.log.warn({ err }, 'could not delete the run topics'));
}

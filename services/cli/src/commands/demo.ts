// The demo: a simulated community streamed through the real pipeline (Kafka → event store →
// ClickHouse → analytics), then the report, the Grafana dashboards and the offline HTML report.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildReport, listGroups, recompute, renderReportText, setTenantAccounts } from '@qunpulse/analytics-worker';
import { buildReport as buildHtmlReport, renderReportHtml } from '@qunpulse/dashboards';
import { ChatEventPublisher, repoRoot } from '@qunpulse/kafka';
import { noConfiguredPolicies, privacyStep } from '@qunpulse/importers';
import { Alerter } from '@qunpulse/alerter';
import { DAY_MS, Simulation } from '@qunpulse/simulator';
import type { Command } from '../command.js';
import { intOption, parse } from '../args.js';
import { startPipeline } from '../pipeline.js';
import { renderAgainstTruth } from '../demo/against-truth.js';
import { progressBar } from '../progress.js';
import { openRuntime } from '../runtime.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Weekly recomputes the demo runs, ending on the last simulated day. */
const HISTORY_WEEKS = 6;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Simulate a community, stream it through the real pipeline, print the report',
  usage: `Usage: qunpulse demo [--groups N] [--days D] [--seed S] [--html FILE]

Simulates a tenant's groups (default 60 groups over 112 days, seed 7), streams every event through
Kafka into ClickHouse, computes KOLs, activity, retention and health, and prints the report: how
many groups thrive, stand, decline and die, the dying ones with their reasons, the top KOLs. Writes
the offline HTML report (default .qunpulse/report.html) and points at the Grafana dashboards.`,
  async run(args) {
    const { values } = parse(args, { groups: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, html: { type: 'string' } }, false);
    const groups = intOption(values.groups, 'groups', 60, 1);
    const days = intOption(values.days, 'days', 112, 1);
    const seed = intOption(values.seed, 'seed', 7, 0);
    const started = Date.now();

    // The simulated weeks end yesterday, so dashboards' "last N days" show them and no event is in
    // the future for validation.
    const start = Math.floor(started / DAY_MS) * DAY_MS - days * DAY_MS;
    const sim = new Simulation({ groups, days, seed, start, tenantId: 'demo' });
    const events = [];
    for (const day of sim.eachDay()) events.push(...day);
    const truth = sim.truth();
    process.stderr.write(`simulated ${groups} groups over ${days} days: ${events.length.toLocaleString('en-US')} events\n`);

    const rt = await openRuntime({ name: 'demo' });
    const pipeline = await startPipeline({ bus: rt.bus, warehouse: rt.warehouse, log: rt.log, intervalMs: 0, clock: 'data' });
    try {
      const producer = await rt.bus.producer({ idempotent: true });
      const publisher = new ChatEventPublisher(rt.bus, producer, { source: 'demo', batchSize: 5_000, privacy: privacyStep(noConfiguredPolicies) });
      const sending = progressBar('streaming to Kafka');
      for (let i = 0; i < events.length; i++) {
        await publisher.add(events[i]!, `demo:${i}`);
        if ((i & 4095) === 0) sending.update(i, events.length);
      }
      await publisher.flush();
      await producer.close();
      sending.done(`${publisher.summary.accepted.toLocaleString('en-US')} events in Kafka`);

      const storing = progressBar('storing in ClickHouse');
      await pipeline.waitUntilStored(600_000, (lag) => storing.update(events.length - lag, events.length));
      storing.done(`${pipeline.eventStore.stats.stored.toLocaleString('en-US')} events stored`);

      // As a scheduled worker would have: recompute at the end of each of the last weeks, and let
      // the alerter judge each run, so the report has a history and the alerts it raised.
      const asOf = truth.end - 1;
      const cuts = Array.from({ length: HISTORY_WEEKS }, (_, i) => asOf - (HISTORY_WEEKS - 1 - i) * WEEK_MS);
      const demoGroups = await listGroups(rt.warehouse, 'demo');
      // The owners of support and sales groups answer as the company's staff, so the demo measures
      // their response times (the default settings measure those purposes).
      const staff = events.filter((e) => e.type === 'group_created' && e.memberId && (e.group?.purpose === 'support' || e.group?.purpose === 'sales'))
        .map((e) => ({ memberId: e.memberId!, role: 'staff' as const }));
      await setTenantAccounts(rt.warehouse, 'demo', staff);
      const alertProducer = await rt.bus.producer({ idempotent: true });
      const alerter = new Alerter({ warehouse: rt.warehouse, producer: alertProducer, topic: rt.bus.topics.alerts, log: rt.log });
      const computing = progressBar('computing KOLs, activity, retention, health, alerts, week by week');
      let raised = 0;
      for (let i = 0; i < cuts.length; i++) {
        computing.update(i, cuts.length);
        await recompute({ warehouse: rt.warehouse, asOf: cuts[i]!, groups: demoGroups, log: rt.log });
        raised += (await alerter.evaluate(demoGroups, cuts[i]!)).raised.length;
      }
      await alertProducer.close();
      computing.done(`${cuts.length} weekly runs, ${raised} alerts raised (stored in ClickHouse and on the ${rt.bus.topics.alerts} topic)`);

      const report = await buildReport(rt.warehouse, { asOf, tenantId: 'demo' });
      process.stdout.write('\n' + renderReportText(report));
      process.stdout.write('\n' + renderAgainstTruth(report.groups, truth));

      const htmlFile = path.resolve(values.html ?? path.join(rt.dataDir, 'report.html'));
      mkdirSync(path.dirname(htmlFile), { recursive: true });
      writeFileSync(htmlFile, renderReportHtml(await buildHtmlReport(rt.warehouse, { tenant: 'demo' })));
      const dashboards = path.join(repoRoot(), 'infra', 'grafana', 'dashboards');
      process.stdout.write([
        '',
        `HTML report (offline, open in a browser): ${htmlFile}`,
        `Grafana dashboards (provisioned by infra/grafana, JSON): ${dashboards}`,
        `Data: ${rt.dataDir} — done in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        '',
      ].join('\n'));
      return 0;
    } finally {
      await pipeline.stop();
      await rt.close();
    }
  },
};

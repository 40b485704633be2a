// `qunpulse report`: the dashboards' panels from the warehouse, as an offline HTML file or JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extensionDashboard } from '@qunpulse/consumer-kit';
import { buildReport, NoDataError, renderReportHtml, reportCsvFiles, reportJson } from '@qunpulse/dashboards';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { configuredExtensions, migrateExtensions } from '../extensions.js';
import { openRuntime } from '../runtime.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the offline HTML report (the Grafana panels, same SQL) or print it as JSON',
  usage: `Usage: qunpulse report [--html FILE | --json | --csv DIR] [--tenant ID] [--group ID]

Runs every dashboard panel's SQL against the warehouse (embedded ClickHouse by default, or
CLICKHOUSE_URL) and writes a self-contained HTML report with the charts inline; it opens offline in
any browser. Run after \`qunpulse demo\`, \`analyze\` or \`run\` has computed the analytics.
  --html FILE   where to write the report (default <data dir>/report.html)
  --json        print the panels' rows as JSON instead
  --csv DIR     write every panel's table as DIR/<panel id>.csv instead: RFC 4180 (CRLF, quoted
                fields), UTF-8 with a byte-order mark so Excel shows Chinese text correctly
  --tenant ID   the tenant to show (default: the one with the most groups)
  --group ID    the group for the Group section (default: the one in the worst shape)
With QUNPULSE_EXTENSIONS set, each extension's panels follow qunpulse's, for every group of the tenant.`,
  async run(args) {
    const { values } = parse(args, {
      html: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'string' }, tenant: { type: 'string' }, group: { type: 'string' },
    }, false);
    if ([values.json, values.html !== undefined, values.csv !== undefined].filter(Boolean).length > 1) {
      throw new UsageError('choose one of --html FILE, --json or --csv DIR');
    }
    if (values.csv === '') throw new UsageError('--csv: name the directory to write the CSV files to');
    const extensions = await configuredExtensions();
    const rt = await openRuntime({ name: 'report', kafka: false });
    try {
      await migrateExtensions(rt.warehouse, extensions, rt.log, rt.env.CLICKHOUSE_CLUSTER);
      let report;
      try {
        report = await buildReport(rt.warehouse, {
          ...(values.tenant ? { tenant: values.tenant } : {}), ...(values.group ? { group: values.group } : {}),
          extra: extensions.filter((e) => e.panels?.length).map(extensionDashboard),
        });
      } catch (err) {
        if (!(err instanceof NoDataError)) throw err;
        process.stderr.write(`qunpulse report: ${err.message}\n`);
        return 1;
      }
      if (values.json) {
        process.stdout.write(JSON.stringify(reportJson(report), null, 2) + '\n');
        return 0;
      }
      if (values.csv !== undefined) {
        const dir = path.resolve(values.csv);
        mkdirSync(dir, { recursive: true });
        const files = reportCsvFiles(report);
        for (const f of files) writeFileSync(path.join(dir, f.name), f.content);
        process.stdout.write(`CSV report (${files.length} tables, tenant ${report.scope.tenant}): ${dir}\n`);
        for (const f of files) process.stdout.write(`  ${f.name}\t${f.rows} rows\t${f.dashboard} › ${f.title}\n`);
        return 0;
      }
      const file = path.resolve(values.html ?? path.join(rt.dataDir, 'report.html'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, renderReportHtml(report));
      const panels = report.sections.reduce((n, s) => n + s.results.length, 0);
      process.stdout.write(`HTML report (${panels} panels, tenant ${report.scope.tenant}): ${file}\n`);
      return 0;
    } finally {
      await rt.close();
    }
  },
};

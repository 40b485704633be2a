// `qunpulse sql`: one read-only query against the configured warehouse, for looking at qunpulse's
// tables and an extension's without a ClickHouse client (the embedded warehouse has none).
import { table } from '@qunpulse/analytics-worker';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { openRuntime } from '../runtime.js';

const READ_ONLY = /^\s*(SELECT|WITH|SHOW|DESCRIBE|DESC|EXPLAIN)\b/i;

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'Run one read-only query against the warehouse and print the rows',
  usage: `Usage: qunpulse sql "SELECT …" [--json]

Runs one SELECT (or WITH, SHOW, DESCRIBE, EXPLAIN) against CLICKHOUSE_URL, or the embedded
warehouse in QUNPULSE_DATA_DIR (stop \`qunpulse run\` first: embedded ClickHouse belongs to one
process). Prints an aligned table, or one JSON object per row with --json.`,
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('give the query as one argument (quote it)');
    const query = positionals[0]!;
    if (!READ_ONLY.test(query)) throw new UsageError('the query must be read-only: SELECT, WITH, SHOW, DESCRIBE or EXPLAIN');
    const rt = await openRuntime({ name: 'sql', kafka: false });
    try {
      const rows = await rt.warehouse.query<Record<string, unknown>>(query);
      if (values.json) {
        for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
      } else if (rows.length === 0) {
        process.stdout.write('(no rows)\n');
      } else {
        const headers = Object.keys(rows[0]!);
        const cell = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
        const right = headers.flatMap((h, i) => (typeof rows[0]![h] === 'number' ? [i] : []));
        process.stdout.write(table(headers, rows.map((r) => headers.map((h) => cell(r[h]))), right));
      }
      return 0;
    } finally {
      await rt.close();
    }
  },
};

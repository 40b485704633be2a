// Prints the extension's panel for one group (default: every group of the tenant) from the configured warehouse (embedded ClickHouse in
// the checkout's .qunpulse/ unless CLICKHOUSE_URL is set), over the last 90 days. With the embedded
// warehouse, stop `qunpulse run` first: embedded ClickHouse belongs to one process.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ALL, createLogger, migrateExtension, openWarehouse, readWarehouseEnv, repoRoot, runPanel } from '@qunpulse/consumer-kit';
import { linkSharing, topLinkSharers } from './index.js';

const { values } = parseArgs({ options: { tenant: { type: 'string' }, group: { type: 'string', default: ALL }, platform: { type: 'string', default: ALL } } });
if (!values.tenant) {
  process.stderr.write('Usage: npm run panel -w @qunpulse/example-link-sharing -- --tenant TENANT [--group GROUP] [--platform PLATFORM]\n');
  process.exit(2);
}
const env = readWarehouseEnv();
const log = createLogger('link-sharing-panel', process.env.LOG_LEVEL ?? 'error');
const wh = await openWarehouse(env, path.join(repoRoot(), '.qunpulse'), log);
try {
  await migrateExtension(wh, linkSharing);
  const to = Date.now();
  const { rows } = await runPanel(wh, topLinkSharers, { tenant: values.tenant, group: values.group, platform: values.platform, purpose: ALL }, { from: to - 90 * 86_400_000, to });
  process.stdout.write(`${topLinkSharers.title} — ${values.tenant} / ${values.group}\n`);
  if (rows.length === 0) process.stdout.write('(no rows yet: has the analytics worker ticked since the events were stored?)\n');
  else console.table(rows);
} finally {
  await wh.close();
}

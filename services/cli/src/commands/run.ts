import { readAnalyticsEnv, recomputeStepsFor } from '@qunpulse/analytics-worker';
import { Registry } from '@qunpulse/consumer-kit';
import { readEventStoreEnv } from '@qunpulse/event-store';
import { Shutdown } from '@qunpulse/runtime';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { startExtensions } from '../extensions.js';
import { startPipeline } from '../pipeline.js';
import { openRuntime } from '../runtime.js';
import { SERVICE_STARTERS, type RunningService } from '../services.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'Run every service in one process (required for the embedded warehouse)',
  usage: `Usage: qunpulse run

Starts the event store (chat-events → ClickHouse), the analytics worker (KOLs, activity, retention,
health for the groups touched, every ANALYTICS_INTERVAL_MS) and the other services, until SIGINT or
SIGTERM. Uses KAFKA_BROKERS and CLICKHOUSE_URL when set, else the local broker and embedded ClickHouse.
QUNPULSE_EXTENSIONS (comma-separated modules) adds extensions: their migrations, consumers and
recompute steps (docs/extending.md).`,
  async run(args) {
    parse(args, {}, false);
    const analytics = readAnalyticsEnv();
    const store = readEventStoreEnv();
    const rt = await openRuntime({ name: 'qunpulse' });
    rt.log.level = process.env.LOG_LEVEL ?? 'info';
    // One registry for every consumer of the process, served on the ingest API's /metrics.
    const metrics = new Registry();
    const extensions = await startExtensions({ bus: rt.bus, warehouse: rt.warehouse, log: rt.log, registry: metrics, ...(rt.env.CLICKHOUSE_CLUSTER ? { cluster: rt.env.CLICKHOUSE_CLUSTER } : {}) });
    const pipeline = await startPipeline({ bus: rt.bus, warehouse: rt.warehouse, log: rt.log, intervalMs: analytics.ANALYTICS_INTERVAL_MS, clock: analytics.ANALYTICS_CLOCK, steps: extensions.steps(recomputeStepsFor(analytics)), stallAfterMs: store.EVENT_STORE_STALL_AFTER_MS, metrics });
    const services: RunningService[] = [];
    for (const start of SERVICE_STARTERS) {
      const s = await start(rt, pipeline);
      if (s) services.push(s);
    }
    const shutdown = new Shutdown(rt.log, 30_000);
    // Fixed order: stop taking new input, stop consuming (commits stored offsets), flush the
    // analytics, then close clients, the local broker and the warehouse.
    for (const s of [...services].reverse()) shutdown.add(s.name, () => s.stop());
    shutdown.add('extensions', () => extensions.stop());
    shutdown.add('pipeline', () => pipeline.stop());
    shutdown.add('runtime', () => rt.close());
    rt.log.info({ services: ['event-store', 'analytics-worker', ...services.map((s) => s.name)], dataDir: rt.dataDir }, 'qunpulse running');
    await new Promise<void>((resolve) => {
      shutdown.onSignals(() => resolve());
    });
    return 0;
  },
};

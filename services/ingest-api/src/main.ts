// Runs the ingest API: validates env and tenants, connects an idempotent producer, serves, and
// on stop refuses new requests, finishes the ones in hand, then closes the producer.
import path from 'node:path';
import { KafkaBus, repoRoot, startLocalBroker } from '@qunpulse/kafka';
import { createLogger, Shutdown, type Logger } from '@qunpulse/runtime';
import { readIngestEnv, type IngestEnv } from './env.js';
import type { EraseMember } from './erasure.js';
import { createIngestMetrics, type Component } from './metrics.js';
import { createIngestServer, type IngestServerDeps } from './server.js';
import type { TenantRoutes } from './tenant-routes.js';
import { TenantDirectory } from './tenants.js';

export interface RunningIngestApi {
  url: string;
  stop(): Promise<void>;
}

/** Starts the API on a bus someone else owns (e.g. `qunpulse run`); stop() leaves the bus open. */
export async function startIngestApi(
  bus: KafkaBus, env: IngestEnv, log: Logger, components: Component[] = [], registries: NonNullable<IngestServerDeps['registries']> = [],
  tenantRoutes?: TenantRoutes,
  erase?: EraseMember,
): Promise<RunningIngestApi> {
  const tenants = TenantDirectory.load({ file: env.INGEST_TENANTS_FILE, json: env.INGEST_TENANTS_JSON });
  const producer = await bus.producer({ idempotent: true });
  const api = createIngestServer({
    bus, producer, tenants, log, metrics: createIngestMetrics(true), components, registries, ...(tenantRoutes ? { tenantRoutes } : {}), ...(erase ? { erase } : {}),
    limits: {
      maxBodyBytes: env.INGEST_MAX_BODY_BYTES, maxBatchEvents: env.INGEST_MAX_BATCH_EVENTS,
      maxInflightEvents: env.INGEST_MAX_INFLIGHT_EVENTS, produceTimeoutMs: env.INGEST_PRODUCE_TIMEOUT_MS,
      tenantRateLimit: { requestsPerSecond: env.INGEST_TENANT_REQUESTS_PER_SECOND, burst: env.INGEST_TENANT_BURST },
    },
  });
  const { url } = await api.listen(env.INGEST_PORT, env.INGEST_HOST);
  log.info({ url, topic: bus.topics.chatEvents }, 'ingest API listening');
  return {
    url,
    async stop() {
      await api.close();
      await producer.close();
    },
  };
}

/** The standalone service: `node services/ingest-api/dist/main.js` or the package's runIngestApi(). */
export async function runIngestApi(source: Record<string, string | undefined> = process.env): Promise<void> {
  const env = readIngestEnv(source);
  const log = createLogger('ingest-api', env.LOG_LEVEL);
  // Without KAFKA_BROKERS the project's local broker is started or reused, as the CLI does.
  const dataDir = env.QUNPULSE_DATA_DIR ? path.resolve(env.QUNPULSE_DATA_DIR) : path.join(repoRoot(), '.qunpulse');
  const brokers = env.KAFKA_BROKERS ?? (await startLocalBroker({ dataDir: path.join(dataDir, 'kafka'), reuse: true })).brokers;
  const bus = new KafkaBus({ brokers, clientId: env.KAFKA_CLIENT_ID, namespace: env.QUNPULSE_TOPIC_NAMESPACE ?? '' }, log);
  await bus.ensureTopics();
  const api = await startIngestApi(bus, env, log);
  new Shutdown(log)
    .add('stop accepting requests', () => api.stop())
    .add('close Kafka', () => bus.close())
    .onSignals();
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  runIngestApi().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}

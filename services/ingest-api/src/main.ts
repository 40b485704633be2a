// Runs the ingest API from the environment: validates env and tenants, connects an idempotent
// producer, serves, and on SIGTERM stops accepting, finishes requests in hand, closes the producer.
import path from 'node:path';
import { KafkaBus, repoRoot, startLocalBroker } from '@qunpulse/kafka';
import { createLogger, Shutdown } from '@qunpulse/runtime';
import { readIngestEnv } from './env.js';
import { createIngestMetrics } from './metrics.js';
import { createIngestServer } from './server.js';
import { TenantDirectory } from './tenants.js';

export async function runIngestApi(source: Record<string, string | undefined> = process.env): Promise<void> {
  const env = readIngestEnv(source);
  const log = createLogger('ingest-api', env.LOG_LEVEL);
  const tenants = TenantDirectory.load({ file: env.INGEST_TENANTS_FILE, json: env.INGEST_TENANTS_JSON });
  // Without KAFKA_BROKERS the project's local broker is started or reused, as the CLI does.
  const dataDir = env.QUNPULSE_DATA_DIR ? path.resolve(env.QUNPULSE_DATA_DIR) : path.join(repoRoot(), '.qunpulse');
  const brokers = env.KAFKA_BROKERS ?? (await startLocalBroker({ dataDir: path.join(dataDir, 'kafka'), reuse: true })).brokers;
  const bus = new KafkaBus({ brokers, clientId: env.KAFKA_CLIENT_ID, namespace: env.QUNPULSE_TOPIC_NAMESPACE ?? '' }, log);
  await bus.ensureTopics();
  const producer = await bus.producer({ idempotent: true });
  const api = createIngestServer({
    bus, producer, tenants, log, metrics: createIngestMetrics(true),
    limits: {
      maxBodyBytes: env.INGEST_MAX_BODY_BYTES, maxBatchEvents: env.INGEST_MAX_BATCH_EVENTS,
      maxInflightEvents: env.INGEST_MAX_INFLIGHT_EVENTS, produceTimeoutMs: env.INGEST_PRODUCE_TIMEOUT_MS,
    },
  });
  const { url } = await api.listen(env.INGEST_PORT, env.INGEST_HOST);
  log.info({ url, topic: bus.topics.chatEvents }, 'ingest API listening');
  new Shutdown(log)
    .add('stop accepting requests', () => api.close())
    .add('close Kafka', () => bus.close())
    .onSignals();
}

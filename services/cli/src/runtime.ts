// Opens what a command needs from the environment: the Kafka cluster (configured, or the project's
// local broker started or reused), the warehouse (configured server, or embedded ClickHouse).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KafkaBus, kafkaEnvSchema, repoRoot, startLocalBroker, type LocalBroker } from '@qunpulse/kafka';
import { createLogger, envVar, parseEnv, type Logger } from '@qunpulse/runtime';
import { openWarehouse, warehouseEnvSchema, type Warehouse } from '@qunpulse/warehouse';

export const cliEnvSchema = kafkaEnvSchema.extend(warehouseEnvSchema.shape).extend({
  LOG_LEVEL: envVar.logLevel().default('error'),
});

export type CliEnv = z.output<typeof cliEnvSchema>;

export interface Runtime {
  env: CliEnv;
  log: Logger;
  dataDir: string;
  bus: KafkaBus;
  warehouse: Warehouse;
  broker: LocalBroker | undefined;
  close(): Promise<void>;
}

export function defaultDataDir(env: CliEnv): string {
  if (env.QUNPULSE_DATA_DIR) return path.resolve(env.QUNPULSE_DATA_DIR);
  try {
    return path.join(repoRoot(), '.qunpulse');
  } catch {
    return path.resolve('.qunpulse');
  }
}

export function readCliEnv(source?: Record<string, string | undefined>): CliEnv {
  return parseEnv(cliEnvSchema, source);
}

export interface OpenOptions {
  /** Log level default for this command (LOG_LEVEL overrides). */
  name: string;
  kafka?: boolean;
  warehouse?: boolean;
  /**
   * A one-shot run's own name: topics under the namespace `<namespace>.<name>` and tables in the
   * database `<database>_<name>`, so nothing else imported or stored is seen (and removing them
   * removes the run).
   */
  isolated?: string;
}

export async function openKafka(env: CliEnv, dataDir: string, log: Logger, isolated?: string): Promise<{ bus: KafkaBus; broker: LocalBroker | undefined }> {
  let brokers = env.KAFKA_BROKERS;
  let broker: LocalBroker | undefined;
  if (!brokers) {
    const kafkaDir = path.join(dataDir, 'kafka');
    if (!existsSync(path.join(kafkaDir, 'brokers'))) log.info({ kafkaDir }, 'starting the local Kafka broker');
    broker = await startLocalBroker({ dataDir: kafkaDir, reuse: true });
    for (const note of broker.notes) log.warn({ kafkaDir }, `local Kafka: ${note}`);
    if (broker.orphanStopped) log.warn({ pid: broker.orphanStopped, kafkaDir }, 'stopped a local Kafka broker orphaned by an earlier crash; started a new one on its port');
    brokers = broker.brokers;
  }
  const base = env.QUNPULSE_TOPIC_NAMESPACE ?? '';
  const namespace = isolated ? (base ? `${base}.${isolated}` : isolated) : base;
  const bus = new KafkaBus({ brokers, clientId: env.KAFKA_CLIENT_ID, namespace, sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS }, log);
  await bus.ensureTopics();
  return { bus, broker };
}

/** Opens Kafka and the warehouse as configured. Close it to stop what it started. */
export async function openRuntime(opts: OpenOptions): Promise<Runtime> {
  const configured = readCliEnv();
  const env = opts.isolated ? { ...configured, CLICKHOUSE_DATABASE: `${configured.CLICKHOUSE_DATABASE}_${opts.isolated}` } : configured;
  const log = createLogger(opts.name, env.LOG_LEVEL);
  const dataDir = defaultDataDir(env);
  // Closed in this order: clients, then the broker this process started, then the warehouse.
  const closers: { order: number; close: () => Promise<void> }[] = [];
  const closeAll = async (onError: (err: unknown) => void) => {
    closers.sort((a, b) => a.order - b.order);
    while (closers.length) await closers.shift()!.close().catch(onError);
  };
  try {
    // Kafka before the warehouse: the broker's launcher must not inherit the embedded engine's
    // file locks (a broker orphaned by a crash would otherwise lock the next run out of its data).
    let bus = undefined as unknown as KafkaBus;
    let broker: LocalBroker | undefined;
    if (opts.kafka !== false) {
      ({ bus, broker } = await openKafka(env, dataDir, log, opts.isolated));
      closers.push({ order: 0, close: () => bus.close() });
      if (broker?.started) closers.push({ order: 1, close: () => broker!.stop() });
    }
    const warehouse = opts.warehouse === false ? (undefined as unknown as Warehouse) : await openWarehouse(env, dataDir, log);
    if (warehouse) closers.push({ order: 2, close: () => warehouse.close() });
    return {
      env, log, dataDir, bus, warehouse, broker,
      async close() { await closeAll((err) => log.warn({ err }, 'close failed')); },
    };
  } catch (err) {
    await closeAll(() => {});
    throw err;
  }
}

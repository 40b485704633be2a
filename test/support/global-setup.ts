// Starts the project's own Kafka broker once for the whole test run, unless KAFKA_BROKERS points
// at one already (as .ci/run does). Tests read the address from process.env.KAFKA_BROKERS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalBroker, type LocalBroker } from '../../packages/kafka/src/local-broker.js';

let broker: LocalBroker | undefined;
let dataDir: string | undefined;

export async function setup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'qunpulse-test-kafka-'));
  broker = await startLocalBroker({ dataDir, reuse: false });
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
}

export async function teardown(): Promise<void> {
  await broker?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

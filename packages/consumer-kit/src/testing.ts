// Helpers for testing a consumer against the real broker and embedded ClickHouse: topics under a
// namespace of their own (so tests sharing a broker never see each other's records) and a fresh
// warehouse in a temporary directory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KafkaBus, readKafkaEnv } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { EmbeddedWarehouse, migrate, type Warehouse } from '@qunpulse/warehouse';

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A bus on KAFKA_BROKERS whose qunpulse topics are created under a namespace of their own. */
export async function testBus(prefix = 'test'): Promise<KafkaBus> {
  const brokers = readKafkaEnv().KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: tests run against a real broker (npm run kafka prints its address)');
  const bus = new KafkaBus({ brokers, clientId: prefix, namespace: uniqueName(prefix) }, silentLogger());
  await bus.ensureTopics();
  return bus;
}

/** Embedded ClickHouse in a fresh directory, with qunpulse's migrations applied. */
export async function testWarehouse(): Promise<Warehouse> {
  const wh = await EmbeddedWarehouse.open(path.join(mkdtempSync(path.join(tmpdir(), 'qunpulse-test-ch-')), 'clickhouse'));
  await migrate(wh);
  return wh;
}

/** Polls `probe` until it returns true, or fails naming `what` when the time runs out. */
export async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

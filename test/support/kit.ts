// Helpers for integration tests: a real broker (from global setup), a fresh topic namespace per
// test so tests never see each other's records, and a fresh embedded warehouse per test file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { KafkaBus } from '@qunpulse/kafka';
import { EmbeddedWarehouse, migrate, type Warehouse } from '@qunpulse/warehouse';
import { silentLogger } from '@qunpulse/runtime';

export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: the test global setup starts a broker');
  return brokers.split(',');
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A bus on the shared test broker whose topics live in their own namespace. */
export async function testBus(prefix = 'test'): Promise<KafkaBus> {
  const bus = new KafkaBus({ brokers: testBrokers(), clientId: prefix, namespace: uniqueName(prefix) }, silentLogger());
  await bus.ensureTopics();
  return bus;
}

export async function testWarehouse(): Promise<Warehouse> {
  const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-test-ch-'));
  const wh = await EmbeddedWarehouse.open(path.join(dir, 'clickhouse'));
  await migrate(wh);
  return wh;
}

/** Polls `probe` until it returns true or the time runs out. */
export async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

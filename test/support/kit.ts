// Helpers for integration tests: a real broker (from global setup), a fresh topic namespace per
// test so tests never see each other's records, and a fresh embedded warehouse per test file.
// They are the consumer kit's testing helpers, the same ones extensions test with.
export { testBus, testWarehouse, uniqueName, waitFor } from '@qunpulse/consumer-kit';

export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: the test global setup starts a broker');
  return brokers.split(',');
}

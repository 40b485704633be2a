import { describe, expect, it } from 'vitest';
import { EnvError } from '@qunpulse/runtime';
import { readCliEnv } from './runtime.js';

describe('qunpulse environment', () => {
  it('defaults to the embedded warehouse and the local broker', () => {
    const env = readCliEnv({});
    expect(env.KAFKA_BROKERS).toBeUndefined();
    expect(env.CLICKHOUSE_URL).toBeUndefined();
    expect(env.CLICKHOUSE_DATABASE).toBe('qunpulse');
    expect(env.LOG_LEVEL).toBe('error');
  });

  it('parses a configured cluster and server', () => {
    const env = readCliEnv({ KAFKA_BROKERS: 'k1:9092,k2:9092', CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: 'prod', QUNPULSE_TOPIC_NAMESPACE: 'acme' });
    expect(env).toMatchObject({ KAFKA_BROKERS: ['k1:9092', 'k2:9092'], CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: 'prod', QUNPULSE_TOPIC_NAMESPACE: 'acme' });
  });

  it('names every bad variable with its problem', () => {
    let error: unknown;
    try {
      readCliEnv({ KAFKA_BROKERS: 'kafka', CLICKHOUSE_URL: 'not a url', CLICKHOUSE_DATABASE: 'drop table', QUNPULSE_TOPIC_NAMESPACE: 'a/b', LOG_LEVEL: 'chatty' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems.join('\n');
    for (const name of ['KAFKA_BROKERS', 'CLICKHOUSE_URL', 'CLICKHOUSE_DATABASE', 'QUNPULSE_TOPIC_NAMESPACE', 'LOG_LEVEL']) {
      expect(problems).toMatch(new RegExp(`^${name}: `, 'm'));
    }
    expect(problems).toContain('CLICKHOUSE_URL: must be a URL');
  });
});

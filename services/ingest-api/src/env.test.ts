import { describe, expect, it } from 'vitest';
import { readIngestEnv } from './env.js';

describe('ingest-api env', () => {
  it('applies defaults', () => {
    const env = readIngestEnv({ INGEST_TENANTS_FILE: '/etc/qunpulse/tenants.json' });
    expect(env.INGEST_PORT).toBe(8088);
    expect(env.INGEST_MAX_BATCH_EVENTS).toBe(10_000);
    expect(env.INGEST_TENANTS_FILE).toBe('/etc/qunpulse/tenants.json');
  });

  it('names bad variables and a missing tenants source', () => {
    expect(() => readIngestEnv({ INGEST_PORT: 'http', INGEST_TENANTS_FILE: 'x' })).toThrow(/INGEST_PORT: must be a whole number/);
    expect(() => readIngestEnv({ INGEST_MAX_BODY_BYTES: '10' , INGEST_TENANTS_JSON: '{}' })).toThrow(/INGEST_MAX_BODY_BYTES: must be ≥ 1024/);
    expect(() => readIngestEnv({})).toThrow(/INGEST_TENANTS_FILE: set INGEST_TENANTS_FILE/);
  });
});

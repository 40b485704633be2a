import { describe, expect, it } from 'vitest';
import { RateLimited, TenantRateLimiter } from './rate-limit.js';
import { requireMediaType, UnsupportedMediaType, JSON_TYPES, NDJSON_TYPES } from './media-type.js';

describe('per-tenant token buckets', () => {
  it('allow the burst, then the rate, per tenant, and say when the next token is back', () => {
    let now = 0;
    const limiter = new TenantRateLimiter({ requestsPerSecond: 10, burst: 2 }, () => now);
    const own = { requestsPerSecond: 0.25, burst: 1 };
    limiter.take('a', undefined);
    limiter.take('a', undefined);
    expect(() => limiter.take('a', undefined)).toThrow(RateLimited);
    limiter.take('b', undefined);
    now = 100;
    limiter.take('a', undefined);
    limiter.take('slow', own);
    let limited: RateLimited | undefined;
    try { limiter.take('slow', own); } catch (err) { limited = err as RateLimited; }
    expect(limited?.retryAfterSeconds).toBe(4);
    expect(limited?.message).toBe('(tenant): slow sent more than 0.25 requests per second (burst 1); retry after 4 s');
    now = 4_100;
    limiter.take('slow', own);
  });
});

describe('media types', () => {
  it('accept JSON and NDJSON in UTF-8, refuse everything else naming Content-Type', () => {
    const events = [...JSON_TYPES, ...NDJSON_TYPES];
    expect(requireMediaType('Application/JSON; charset="UTF-8"', events)).toBe('application/json');
    expect(requireMediaType('application/x-ndjson', events)).toBe('application/x-ndjson');
    for (const bad of ['text/plain', 'application/x-www-form-urlencoded', 'text/xml', 'application/json; charset=latin1', undefined, '']) {
      expect(() => requireMediaType(bad, events), String(bad)).toThrow(UnsupportedMediaType);
    }
    expect(() => requireMediaType(undefined, JSON_TYPES)).toThrow('Content-Type: expected application/json (none was sent)');
  });
});

// Per-tenant token buckets: each request takes one token; a tenant refills at its own rate up to its
// burst. One tenant's flood is answered 429 with the seconds until a token is back, and the others
// keep their share of the API.

export interface RateLimit {
  requestsPerSecond: number;
  burst: number;
}

export class RateLimited extends Error {
  constructor(readonly tenantId: string, readonly limit: RateLimit, readonly retryAfterSeconds: number) {
    super(`(tenant): ${tenantId} sent more than ${limit.requestsPerSecond} requests per second (burst ${limit.burst}); retry after ${retryAfterSeconds} s`);
  }
}

interface Bucket { tokens: number; at: number }

export class TenantRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly defaults: RateLimit, private readonly now: () => number = Date.now) {}

  /** Takes one token for the tenant or throws RateLimited. */
  take(tenantId: string, own: RateLimit | undefined): void {
    const limit = own ?? this.defaults;
    const now = this.now();
    const b = this.buckets.get(tenantId) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.requestsPerSecond);
    b.at = now;
    this.buckets.set(tenantId, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    throw new RateLimited(tenantId, limit, Math.max(1, Math.ceil((1 - b.tokens) / limit.requestsPerSecond)));
  }
}

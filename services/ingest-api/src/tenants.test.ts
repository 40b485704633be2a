import { describe, expect, it } from 'vitest';
import { hashToken, TenantDirectory } from './tenants.js';

describe('tenants configuration', () => {
  it('finds a tenant by its token through the stored hash only', () => {
    const dir = TenantDirectory.parse({ tenants: [{ id: 'acme', tokenHashes: [`sha256:${hashToken('s3cret-token').toUpperCase()}`] }] });
    expect(dir.byToken('s3cret-token')?.id).toBe('acme');
    expect(dir.byToken('other')).toBeUndefined();
    expect(dir.get('acme')).toMatchObject({ keepText: false, webhooks: {} });
  });

  it('names each problem with its path', () => {
    const bad = () => TenantDirectory.parse({
      tenants: [
        { id: 'a b', tokenHashes: ['abc'] },
        { id: 'x', webhooks: { wecom: { token: 't', encodingAesKey: 'short', corpId: 'c' }, slack: { signingSecret: '1' } } },
        { id: 'x' },
      ],
    });
    expect(bad).toThrow(/tenants\.0\.id: id may hold/);
    expect(bad).toThrow(/tenants\.0\.tokenHashes\.0: tokenHashes\[\] must be SHA-256/);
    expect(bad).toThrow(/tenants\.1\.webhooks\.wecom\.encodingAesKey: .*43-character/);
    expect(bad).toThrow(/tenants\.1\.webhooks\.slack\.signingSecret: .*at least 8/);
    expect(bad).toThrow(/tenants\.2\.id: duplicate tenant id x/);
    expect(() => TenantDirectory.load({ json: '{nope' })).toThrow(/not JSON/);
    const rate = () => TenantDirectory.parse({ tenants: [{ id: 'r', rateLimit: { requestsPerSecond: 0, burst: 1.5 } }] });
    expect(rate).toThrow(/tenants\.0\.rateLimit\.requestsPerSecond: rateLimit\.requestsPerSecond must be > 0/);
    expect(rate).toThrow(/tenants\.0\.rateLimit\.burst: rateLimit\.burst must be a whole number/);
  });

  it('gives each configured tenant its privacy policy, and none to tenants it does not know', () => {
    const policies = TenantDirectory.parse({ tenants: [{ id: 'open', keepText: true }, { id: 'closed', pseudonymKey: 'a long secret' }] }).policies();
    expect(policies('open')).toEqual({ keepText: true, pseudonymKey: undefined });
    expect(policies('closed')).toEqual({ keepText: false, pseudonymKey: 'a long secret' });
    expect(policies('stranger')).toBeUndefined();
  });
});

// Tenants, their API tokens (stored as SHA-256 hashes only), their privacy choices and their
// platform webhook secrets. Loaded from a JSON file validated with zod; see README.md.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PolicyLookup, PrivacyPolicy, WecomCredentials } from '@qunpulse/importers';

const secret = (what: string) => z.string({ error: `${what} must be a string` }).min(8, `${what} must be at least 8 characters`);

export const tenantSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'id may hold 1-64 letters, digits, ".", "_" and "-"'),
  /** SHA-256 of each bearer token, as 64 hex digits, optionally prefixed "sha256:". */
  tokenHashes: z.array(z.string().transform((s) => s.replace(/^sha256:/, '').toLowerCase())
    .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'tokenHashes[] must be SHA-256 hex digests (64 hex digits)'))).default([]),
  /** Opt-in: keep message text. Off by default: only length, kind, link flag and a text hash are kept. */
  keepText: z.boolean().default(false),
  /** Secret for pseudonymising member ids with a keyed hash; unset keeps platform ids. */
  pseudonymKey: secret('pseudonymKey').optional(),
  /** This tenant's token bucket; without one the API's default (INGEST_TENANT_REQUESTS_PER_SECOND, INGEST_TENANT_BURST) applies. */
  rateLimit: z.object({
    requestsPerSecond: z.number({ error: 'rateLimit.requestsPerSecond must be a number' }).positive('rateLimit.requestsPerSecond must be > 0').max(1_000_000, 'rateLimit.requestsPerSecond must be ≤ 1000000'),
    burst: z.number({ error: 'rateLimit.burst must be a number' }).int('rateLimit.burst must be a whole number').min(1, 'rateLimit.burst must be ≥ 1').max(10_000_000, 'rateLimit.burst must be ≤ 10000000'),
  }).optional(),
  webhooks: z.object({
    telegram: z.object({ secretToken: secret('webhooks.telegram.secretToken') }).optional(),
    slack: z.object({ signingSecret: secret('webhooks.slack.signingSecret') }).optional(),
    discord: z.object({ relaySecret: secret('webhooks.discord.relaySecret') }).optional(),
    wecom: z.object({
      token: z.string().min(1, 'webhooks.wecom.token must not be empty'),
      encodingAesKey: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'webhooks.wecom.encodingAesKey must be the 43-character EncodingAESKey'),
      corpId: z.string().min(1, 'webhooks.wecom.corpId must not be empty'),
    }).optional(),
  }).default({}),
});

export const tenantsFileSchema = z.object({ tenants: z.array(tenantSchema).min(1, 'tenants must list at least one tenant') })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, t] of file.tenants.entries()) {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tenants', i, 'id'], message: `duplicate tenant id ${t.id}` });
      seen.add(t.id);
    }
  });

export type TenantConfig = z.output<typeof tenantSchema>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class TenantDirectory {
  private readonly byId = new Map<string, TenantConfig>();
  private readonly byTokenHash = new Map<string, TenantConfig>();

  constructor(tenants: TenantConfig[]) {
    for (const t of tenants) {
      this.byId.set(t.id, t);
      for (const h of t.tokenHashes) this.byTokenHash.set(h, t);
    }
  }

  /** The tenant a bearer token belongs to; only the token's hash is ever compared or stored. */
  byToken(token: string): TenantConfig | undefined {
    return this.byTokenHash.get(hashToken(token));
  }

  get(id: string): TenantConfig | undefined {
    return this.byId.get(id);
  }

  /** The configured tenants' privacy policies, for `privacyStep`. */
  policies(): PolicyLookup {
    return (id) => {
      const t = this.byId.get(id);
      return t ? privacyOf(t) : undefined;
    };
  }

  static parse(json: unknown): TenantDirectory {
    const r = tenantsFileSchema.safeParse(json);
    if (!r.success) {
      throw new Error(`Invalid tenants configuration:\n${r.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
    }
    return new TenantDirectory(r.data.tenants);
  }

  static load(source: { file?: string | undefined; json?: string | undefined }): TenantDirectory {
    const text = source.file !== undefined ? readFileSync(source.file, 'utf8') : source.json ?? '';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new Error(`Invalid tenants configuration: not JSON (${(err as Error).message})`);
    }
    return TenantDirectory.parse(value);
  }
}

export function privacyOf(t: TenantConfig): PrivacyPolicy {
  return { keepText: t.keepText, pseudonymKey: t.pseudonymKey };
}

export function wecomCredentials(t: TenantConfig): WecomCredentials | undefined {
  const w = t.webhooks.wecom;
  return w ? { token: w.token, encodingAesKey: w.encodingAesKey, receiveId: w.corpId } : undefined;
}

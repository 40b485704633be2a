// Platform webhook routes: each verifies its platform's signature with the tenant's secret (401 if
// it fails), converts the delivery to chat-event/v1 and publishes it like any other event.
import type { IncomingHttpHeaders } from 'node:http';
import {
  convertDiscordDispatch, convertSlackDelivery, convertTelegramUpdate, convertWecomEvent, parseJsonBody, PayloadError,
  TELEGRAM_SECRET_HEADER, verifyDiscordRelay, verifySlack, verifyTelegram, wecomEcho, wecomOpen, type Converted,
} from '@qunpulse/importers';
import { wecomCredentials, type TenantConfig } from './tenants.js';

export const WEBHOOK_PLATFORMS = ['telegram', 'slack', 'discord', 'wecom'] as const;
export type WebhookPlatform = (typeof WEBHOOK_PLATFORMS)[number];

export interface WebhookRequest {
  method: string;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  body: Buffer;
}

/** What to do with a delivery: publish its events, or answer directly (URL verification). */
export type WebhookOutcome =
  | { kind: 'publish'; converted: Converted; reply: 'json' | 'wecom' }
  | { kind: 'answer'; contentType: string; body: string };

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Whether the tenant configured this platform; unconfigured platforms answer 404. */
export function configured(tenant: TenantConfig, platform: WebhookPlatform): boolean {
  return tenant.webhooks[platform] !== undefined;
}

export function handleWebhook(platform: WebhookPlatform, tenant: TenantConfig, req: WebhookRequest, now = Date.now()): WebhookOutcome {
  switch (platform) {
    case 'telegram': {
      verifyTelegram(header(req.headers, TELEGRAM_SECRET_HEADER), tenant.webhooks.telegram!.secretToken);
      return { kind: 'publish', reply: 'json', converted: convertTelegramUpdate(tenant.id, parseJsonBody(req.body)) };
    }
    case 'slack': {
      verifySlack(req.body, header(req.headers, 'x-slack-signature'), header(req.headers, 'x-slack-request-timestamp'), tenant.webhooks.slack!.signingSecret, now);
      const d = convertSlackDelivery(tenant.id, parseJsonBody(req.body));
      return d.kind === 'challenge'
        ? { kind: 'answer', contentType: 'application/json', body: JSON.stringify({ challenge: d.challenge }) }
        : { kind: 'publish', reply: 'json', converted: d.converted };
    }
    case 'discord': {
      verifyDiscordRelay(req.body, header(req.headers, 'x-qunpulse-signature'), header(req.headers, 'x-qunpulse-timestamp'), tenant.webhooks.discord!.relaySecret, now);
      return { kind: 'publish', reply: 'json', converted: convertDiscordDispatch(tenant.id, parseJsonBody(req.body)) };
    }
    case 'wecom': {
      const creds = wecomCredentials(tenant)!;
      const q = Object.fromEntries(['msg_signature', 'timestamp', 'nonce', 'echostr'].map((k) => [k, req.query.get(k) ?? undefined]));
      if (req.method === 'GET') return { kind: 'answer', contentType: 'text/plain; charset=utf-8', body: wecomEcho(creds, q, now) };
      const xml = wecomOpen(creds, q, req.body.toString('utf8'), now);
      return { kind: 'publish', reply: 'wecom', converted: convertWecomEvent(tenant.id, xml) };
    }
  }
}

export { PayloadError };

// Sends one message to one webhook, once. Retries belong to the outbox, which schedules them and
// survives restarts. Every attempt is returned (and recorded by the caller), so a failure is
// visible, never silently dropped.
import { buildRequest, responseError, type Alert, type Channel, type Language, type WebhookRequest } from '@qunpulse/alerts';

export interface DeliveryAttempt {
  alert_id: string;
  channel: string;
  target: string;
  attempt: number;
  ok: 0 | 1;
  status_code: number;
  error: string;
  attempted_at: string;
}

export interface DeliveryOptions {
  timeoutMs: number;
  dashboardUrl?: string;
  now: () => number;
  fetch: typeof fetch;
}

/** The webhook without its secrets (query tokens, keys) for the record. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  for (const k of [...u.searchParams.keys()]) u.searchParams.set(k, '***');
  const path = u.pathname.split('/').map((seg, i, all) => (i === all.length - 1 && seg.length > 12 ? `${seg.slice(0, 4)}***` : seg)).join('/');
  return `${u.origin}${path}${u.search}`;
}

export const chTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/**
 * Headers a receiver can deduplicate on: a delivery acknowledged too late to be recorded (the
 * process died in between) is sent again with the same key.
 */
export function idempotencyHeaders(id: string, channel: Channel): Record<string, string> {
  return { 'idempotency-key': `${id}:${channel.name}`, 'x-qunpulse-alert-id': id };
}

/** One attempt (number `attempt`) to deliver `alert` to `channel`. */
export async function attemptDelivery(alert: Alert, channel: Channel, language: Language, attempt: number, o: DeliveryOptions): Promise<DeliveryAttempt> {
  return attemptRequest(alert.alertId, channel, (at) => buildRequest(channel, alert, language, at, o.dashboardUrl), attempt, o);
}

/** One attempt to send the outbox entry `id` to `channel`, with the body `build` makes at the attempt's time. */
export async function attemptRequest(
  id: string, channel: Channel, build: (at: number) => WebhookRequest, attempt: number, o: DeliveryOptions,
): Promise<DeliveryAttempt> {
  // Signed platforms need a fresh timestamp on every attempt (DingTalk rejects signatures older than an hour).
  const at = o.now();
  const req = build(at);
  let status = 0;
  let error: string | undefined;
  try {
    const res = await o.fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...idempotencyHeaders(id, channel) },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    status = res.status;
    error = responseError(channel.type, res.status, await res.text());
  } catch (err) {
    error = `request failed: ${(err as Error).message}`;
  }
  return {
    alert_id: id, channel: channel.name, target: redactUrl(channel.url), attempt,
    ok: error ? 0 : 1, status_code: status, error: error ?? '', attempted_at: chTime(at),
  };
}

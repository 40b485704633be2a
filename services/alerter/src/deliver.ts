// Sends one message to one webhook, retrying with exponential backoff. Every attempt is returned
// (and recorded by the caller), so a failure is visible, never silently dropped.
import { buildRequest, responseError, type Alert, type Channel, type Language } from '@qunpulse/alerts';

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
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
  dashboardUrl?: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
}

/** The webhook without its secrets (query tokens, keys) for the record. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  for (const k of [...u.searchParams.keys()]) u.searchParams.set(k, '***');
  const path = u.pathname.split('/').map((seg, i, all) => (i === all.length - 1 && seg.length > 12 ? `${seg.slice(0, 4)}***` : seg)).join('/');
  return `${u.origin}${path}${u.search}`;
}

const chTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export async function deliver(alert: Alert, channel: Channel, language: Language, o: DeliveryOptions): Promise<DeliveryAttempt[]> {
  const out: DeliveryAttempt[] = [];
  for (let attempt = 1; attempt <= o.attempts; attempt++) {
    // Signed platforms need a fresh timestamp on every attempt (DingTalk rejects signatures older than an hour).
    const at = o.now();
    const req = buildRequest(channel, alert, language, at, o.dashboardUrl);
    let status = 0;
    let error: string | undefined;
    try {
      const res = await o.fetch(req.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(req.body),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      status = res.status;
      error = responseError(channel.type, res.status, await res.text());
    } catch (err) {
      error = `request failed: ${(err as Error).message}`;
    }
    out.push({
      alert_id: alert.alertId, channel: channel.name, target: redactUrl(channel.url), attempt,
      ok: error ? 0 : 1, status_code: status, error: error ?? '', attempted_at: chTime(at),
    });
    if (!error) break;
    if (attempt < o.attempts) await o.sleep(o.backoffMs * 2 ** (attempt - 1));
  }
  return out;
}

// A ClickHouse server that is not up yet (a container still starting, a restart) is waited for
// with backoff at start-up; one that refuses us for another reason (credentials) fails at once.
// Either way the error names CLICKHOUSE_URL, so the operator knows which setting to look at.
import type { Logger } from '@qunpulse/runtime';

const UNREACHABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ENOTFOUND|EPIPE|socket hang up|timeout/i;

/** True for errors that say nothing answered (yet), as opposed to a server that answered no. */
export function isUnreachable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (UNREACHABLE.test(`${String(code ?? '')} ${String(message ?? '')}`)) return true;
    return walk(cause) || (Array.isArray(errors) && errors.some(walk));
  };
  return walk(err);
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

export class WarehouseUnreachableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WarehouseUnreachableError';
  }
}

export interface ReachOptions {
  url: string;
  /** Give up when the server has not answered for this long. */
  timeoutMs: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** Runs `connect` until it succeeds, retrying with exponential backoff while the server is unreachable. */
export async function reachServer<T>(connect: () => Promise<T>, o: ReachOptions): Promise<T> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const url = redactedUrl(o.url);
  const started = Date.now();
  let delay = o.firstDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (err) {
      const reason = (err as Error).message || String(err);
      if (!isUnreachable(err)) {
        throw new WarehouseUnreachableError(`CLICKHOUSE_URL: ClickHouse at ${url} refused the connection: ${reason}`, { cause: err });
      }
      const elapsed = Date.now() - started;
      if (elapsed >= o.timeoutMs) {
        throw new WarehouseUnreachableError(
          `CLICKHOUSE_URL: no ClickHouse answered at ${url} in ${(elapsed / 1000).toFixed(1)} s (${attempt} attempts, last: ${reason}); ` +
          'start the server, correct CLICKHOUSE_URL, raise CLICKHOUSE_STARTUP_TIMEOUT_MS, or unset CLICKHOUSE_URL for embedded ClickHouse',
          { cause: err });
      }
      // The last wait is cut short so that one more attempt falls on the deadline.
      const wait = Math.min(delay, o.timeoutMs - elapsed);
      o.log?.warn({ attempt, retryInMs: wait, reason }, `CLICKHOUSE_URL: no ClickHouse answers at ${url} yet; retrying`);
      await sleep(wait);
      delay = Math.min(delay * 2, o.maxDelayMs ?? 5_000);
    }
  }
}

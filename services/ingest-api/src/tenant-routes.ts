// Routes served to an authenticated tenant beside the event API (the report, panel rows, identity
// links). The server authenticates and rate-limits; a handler only ever sees the token's tenant, so
// no request parameter can name another one.
import type { IncomingHttpHeaders } from 'node:http';

export interface TenantRequest {
  /** The tenant the bearer token belongs to. */
  tenant: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The request body, read up to the API's body limit. */
  body(): Promise<Buffer>;
}

export interface TenantResponse {
  status: number;
  /** Sent as JSON. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface TenantRoutes {
  /** Path prefixes these routes own (e.g. "/v1/report"); every request under them needs a token. */
  prefixes: string[];
  /** Answers the request, or undefined when no route under the prefixes matches. */
  handle(req: TenantRequest): Promise<TenantResponse | undefined>;
}

/** Several route sets served as one. */
export function combineTenantRoutes(...sets: TenantRoutes[]): TenantRoutes {
  return {
    prefixes: sets.flatMap((s) => s.prefixes),
    async handle(req) {
      for (const s of sets) {
        if (!s.prefixes.some((p) => req.path === p || req.path.startsWith(`${p}/`))) continue;
        const out = await s.handle(req);
        if (out) return out;
      }
      return undefined;
    },
  };
}

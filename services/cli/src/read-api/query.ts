// Query-string validation shared by the read routes: zod at the boundary, and every refusal names
// the parameter and the reason.
import { z } from 'zod';
import type { TenantResponse } from '@qunpulse/ingest-api';

export class BadRequest extends Error {}

export const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real day');

/** Parses the query against `schema`; `tenant` is refused outright, since the token decides it. */
export function parseQuery<S extends z.ZodObject>(query: URLSearchParams, schema: S): z.output<S> {
  if (query.has('tenant')) throw new BadRequest('tenant: the tenant is taken from the token; remove the parameter');
  const obj: Record<string, string> = {};
  for (const [k, v] of query) {
    if (k in obj) throw new BadRequest(`${k}: given more than once`);
    obj[k] = v;
  }
  const r = schema.strict().safeParse(obj);
  if (!r.success) {
    throw new BadRequest(r.error.issues.map((i) => (i.code === 'unrecognized_keys'
      ? `${i.keys.join(', ')}: unknown parameter (allowed: ${Object.keys(schema.shape).join(', ') || 'none'})`
      : `${i.path.join('.')}: ${i.message}`)).join('; '));
  }
  return r.data as z.output<S>;
}

export const json = (status: number, body: unknown): TenantResponse => ({ status, body });
export const problem = (status: number, error: string): TenantResponse => ({ status, body: { error } });

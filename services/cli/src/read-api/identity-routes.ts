// The token's tenant's person links over HTTP:
//   GET    /v1/identity/persons[?state=S]         the persons and their member ids
//   POST   /v1/identity/persons                   links the tenant gives (the `identity link` file's JSON), accepted
//   POST   /v1/identity/suggestions               suggest links from strong signals
//   POST   /v1/identity/persons/ID/accept|reject  review a suggested person
//   DELETE /v1/identity/persons/ID                undo an accepted person
import { z } from 'zod';
import {
  IdentityError, linkPersons, listPersons, LINK_STATES, parsePersonLinks, reviewPerson, suggestLinks,
} from '@qunpulse/analytics-worker';
import type { TenantRequest, TenantResponse, TenantRoutes } from '@qunpulse/ingest-api';
import type { Warehouse } from '@qunpulse/warehouse';
import { BadRequest, json, parseQuery, problem } from './query.js';

const listQuery = z.object({ state: z.enum(LINK_STATES, { error: `state must be one of ${LINK_STATES.join(', ')}` }).optional() });
const only = (method: string, allowed: string): TenantResponse | undefined =>
  (method === allowed ? undefined : { status: 405, body: { error: `use ${allowed}` }, headers: { allow: allowed } });

async function jsonBody(req: TenantRequest): Promise<unknown> {
  const text = (await req.body()).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BadRequest(`(body): not JSON (${(err as Error).message})`);
  }
}

export function identityRoutes(wh: Warehouse): TenantRoutes {
  async function route(req: TenantRequest): Promise<TenantResponse | undefined> {
    if (req.path === '/v1/identity/persons') {
      if (req.method === 'GET') {
        const q = parseQuery(req.query, listQuery);
        return json(200, { persons: await listPersons(wh, req.tenant, q.state) });
      }
      const refused = only(req.method, 'POST');
      if (refused) return { ...refused, headers: { allow: 'GET, POST' }, body: { error: 'use GET or POST' } };
      parseQuery(req.query, z.object({}));
      const links = parsePersonLinks(await jsonBody(req), '(body)');
      return json(200, { persons: links.persons.length, memberIds: await linkPersons(wh, req.tenant, links, 'api') });
    }
    if (req.path === '/v1/identity/suggestions') {
      const refused = only(req.method, 'POST');
      if (refused) return refused;
      return json(200, { suggested: await suggestLinks(wh, req.tenant) });
    }
    const m = /^\/v1\/identity\/persons\/([^/]+)(?:\/(accept|reject))?$/.exec(req.path);
    if (!m) return undefined;
    const person = decodeURIComponent(m[1]!);
    const refused = only(req.method, m[2] ? 'POST' : 'DELETE');
    if (refused) return refused;
    return json(200, await reviewPerson(wh, req.tenant, person, m[2] === 'accept' ? 'accept' : m[2] === 'reject' ? 'reject' : 'undo'));
  }

  return {
    prefixes: ['/v1/identity'],
    async handle(req) {
      try {
        return await route(req);
      } catch (err) {
        if (err instanceof BadRequest) return problem(400, err.message);
        // Review of a person the tenant does not have, or a member already linked: a conflict with the stored links.
        if (err instanceof IdentityError) {
          return problem(err.message.startsWith('(body)') ? 400 : err.message.endsWith('no links for this tenant') ? 404 : 409, err.message);
        }
        throw err;
      }
    },
  };
}

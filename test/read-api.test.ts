// The read API beside the ingest API: the report and each panel's rows as JSON for the token's
// tenant only, with two tenants' analytics in one store; and the report's tables as CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindPanel, buildReport, DASHBOARDS, reportCsvFiles, reportScope, variablesFor } from '@qunpulse/dashboards';
import { readApiRoutes } from '@qunpulse/cli';
import { hashToken, newToken, startIngestHarness, type IngestHarness } from './support/ingest.js';
import { simulatedWarehouse } from './support/simulated.js';

const ACME = newToken();
const BETA = newToken();
const tenants = { tenants: [{ id: 'acme', tokenHashes: [hashToken(ACME)] }, { id: 'beta', tokenHashes: [hashToken(BETA)] }] };

interface PanelBody { tenant: string; panel: { id: string; columns: string[] }; rows: Record<string, unknown>[]; error?: string }

describe('read API', () => {
  let h: IngestHarness;
  const get = async (path: string, token?: string) => {
    const res = await fetch(`${h.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    h = await startIngestHarness(tenants, { tenantRoutes: readApiRoutes });
    // Two tenants with different communities in the same store.
    await simulatedWarehouse({ groups: 3, days: 36, seed: 3, everyDays: 30, tenantId: 'acme', warehouse: h.warehouse });
    await simulatedWarehouse({ groups: 2, days: 36, seed: 5, everyDays: 30, tenantId: 'beta', warehouse: h.warehouse });
  });
  afterAll(async () => { await h?.close(); });

  it('answers 401 without a token or with an unknown one', async () => {
    for (const path of ['/v1/report', '/v1/panels', '/v1/panels/latest_health', '/v1/identity/persons']) {
      const none = await get(path);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await get(path, newToken())).status).toBe(401);
    }
  });

  it("serves each tenant's own report, whatever the parameters say", async () => {
    const acme = await get('/v1/report', ACME);
    expect(acme.status).toBe(200);
    expect(acme.body.tenant).toBe('acme');
    const beta = await get('/v1/report', BETA);
    expect(beta.body.tenant).toBe('beta');
    const groupsOf = (b: Record<string, unknown>) => {
      const d = (b.dashboards as { uid: string; panels: { id: string; rows: { group_id: string }[] }[] }[]);
      return new Set(d.find((x) => x.uid === 'qunpulse-overview')!.panels.find((p) => p.id === 'latest_health')!.rows.map((r) => r.group_id));
    };
    const [acmeGroups, betaGroups] = [groupsOf(acme.body), groupsOf(beta.body)];
    const stored = async (t: string) => new Set((await h.warehouse.query<{ group_id: string }>(
      'SELECT DISTINCT group_id FROM group_health_daily WHERE tenant_id = {t:String}', { t })).map((r) => r.group_id));
    expect(acmeGroups).toEqual(await stored('acme'));
    expect(betaGroups).toEqual(await stored('beta'));
    expect(acmeGroups.size).toBe(3);
    expect(betaGroups.size).toBe(2);
    // Naming the other tenant is refused, not obeyed.
    const other = await get('/v1/panels/latest_health?tenant=beta', ACME);
    expect(other.status).toBe(400);
    expect(other.body.error).toMatch(/^tenant: the tenant is taken from the token/);
    // A group of the other tenant is unknown to this one.
    const [betaGroup] = [...betaGroups].filter((g) => !acmeGroups.has(g));
    if (betaGroup) expect((await get(`/v1/report?group=${encodeURIComponent(betaGroup)}`, ACME)).status).toBe(404);
  });

  it("returns every panel's rows equal to the panel's SQL run for the token's tenant", async () => {
    for (const token of [ACME, BETA]) {
      const tenant = token === ACME ? 'acme' : 'beta';
      const scope = await reportScope(h.warehouse, { tenant });
      for (const d of DASHBOARDS) {
        for (const p of d.panels) {
          const res = await get(`/v1/panels/${p.id}`, token);
          expect(res.status, `${p.id}: ${JSON.stringify(res.body)}`).toBe(200);
          const body = res.body as unknown as PanelBody;
          const q = bindPanel(p, variablesFor(d.uid, scope), scope.range);
          const expected = await h.warehouse.query<Record<string, unknown>>(q.sql, q.params);
          expect(body.tenant).toBe(tenant);
          expect(body.panel.columns).toEqual(p.columns);
          expect(body.rows).toEqual(expected);
        }
      }
    }
  });

  it('refuses bad parameters naming them, and unknown panels', async () => {
    const bad = await get('/v1/panels/groups_by_status?from=2026-02-30', ACME);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('from: is not a real day');
    const unknown = await get('/v1/panels/groups_by_status?colour=red', ACME);
    expect(unknown.body.error).toMatch(/^colour: unknown parameter/);
    expect((await get('/v1/panels/no_such_panel', ACME)).status).toBe(404);
    const post = await fetch(`${h.url}/v1/report`, { method: 'POST', headers: { authorization: `Bearer ${ACME}` } });
    expect(post.status).toBe(405);
  });

  it("writes every table of the report as CSV with the panel's rows", async () => {
    const report = await buildReport(h.warehouse, { tenant: 'beta' });
    const files = reportCsvFiles(report);
    const panels = DASHBOARDS.flatMap((d) => d.panels);
    expect(files.map((f) => f.name)).toEqual(panels.map((p) => `${p.id}.csv`));
    for (const f of files) {
      const result = report.sections.flatMap((s) => s.results).find((r) => `${r.panel.id}.csv` === f.name)!;
      expect(f.content.startsWith('\uFEFF')).toBe(true);
      const lines = f.content.slice(1).split('\r\n');
      expect(lines[0]).toBe(result.panel.columns.join(','));
      // Every row is one record (no field in these tables holds a line break).
      expect(lines.length - 2).toBe(result.rows.length);
    }
  });

  it("links persons through the API for the token's tenant only", async () => {
    const send = (method: string, path: string, token: string, body?: unknown) => fetch(`${h.url}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const links = { persons: [{ person: 'crm-7', members: [{ platform: 'wecom', memberId: 'a1' }, { platform: 'telegram', memberId: 'b1' }] }] };
    expect(await send('POST', '/v1/identity/persons', ACME, links)).toEqual({ status: 200, body: { persons: 1, memberIds: 2 } });
    const mine = await send('GET', '/v1/identity/persons', ACME);
    expect(mine.body.persons).toEqual([expect.objectContaining({ person: 'crm-7', state: 'accepted', source: 'api' })]);
    expect((await send('GET', '/v1/identity/persons', BETA)).body.persons).toEqual([]);
    // The other tenant cannot undo it: it has no such person.
    expect((await send('DELETE', '/v1/identity/persons/crm-7', BETA)).status).toBe(404);
    const bad = await send('POST', '/v1/identity/persons', ACME, { persons: [{ person: 'x', members: [{ platform: 'wecom', memberId: 'a2' }] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/persons\.0\.members: members must list at least two member ids/);
    const undone = await send('DELETE', '/v1/identity/persons/crm-7', ACME);
    expect(undone.body).toMatchObject({ person: 'crm-7', state: 'undone' });
    expect((await send('POST', '/v1/identity/suggestions', ACME)).body).toEqual({ suggested: 0 });
  });
});

// The report over HTTP for the token's tenant: GET /v1/report (every panel, as `qunpulse report
// --json`), GET /v1/panels (the catalogue) and GET /v1/panels/ID (one panel's rows, from the very SQL
// the dashboards and the offline report run).
import { z } from 'zod';
import { buildReport, DASHBOARDS, NoDataError, reportJson, reportScope, runPanel, variablesFor, type VariableValues } from '@qunpulse/dashboards';
import type { TenantRequest, TenantRoutes } from '@qunpulse/ingest-api';
import type { Warehouse } from '@qunpulse/warehouse';
import { BadRequest, day, json, parseQuery, problem } from './query.js';

const id = (name: string) => z.string().min(1, `${name} must not be empty`).max(256, `${name} must be at most 256 characters`);
const reportQuery = z.object({ group: id('group').optional() });
const panelQuery = z.object({
  group: id('group').optional(), platform: id('platform').optional(), purpose: id('purpose').optional(),
  from: day().optional(), to: day().optional(),
});

const PANELS = new Map(DASHBOARDS.flatMap((d) => d.panels.map((p) => [p.id, { dashboard: d, panel: p }] as const)));
const dayStart = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function reportRoutes(wh: Warehouse): TenantRoutes {
  async function panelRows(req: TenantRequest, panelId: string) {
    const found = PANELS.get(panelId);
    if (!found) return problem(404, `no panel ${JSON.stringify(panelId)} (GET /v1/panels lists them)`);
    const q = parseQuery(req.query, panelQuery);
    const scope = await reportScope(wh, { tenant: req.tenant, ...(q.group ? { group: q.group } : {}) });
    const values: VariableValues = {
      ...variablesFor(found.dashboard.uid, scope),
      ...(q.group ? { group: q.group } : {}), ...(q.platform ? { platform: q.platform } : {}), ...(q.purpose ? { purpose: q.purpose } : {}),
    };
    const range = { from: q.from ? dayStart(q.from) : scope.range.from, to: q.to ? dayStart(q.to) + 86_399_000 : scope.range.to };
    if (range.from > range.to) throw new BadRequest('from: must not be after to');
    const { rows } = await runPanel(wh, found.panel, values, range);
    return json(200, {
      tenant: req.tenant, dashboard: found.dashboard.uid, panel: { id: found.panel.id, title: found.panel.title, columns: found.panel.columns },
      variables: { platform: values.platform, purpose: values.purpose, group: values.group },
      range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
      rows,
    });
  }

  return {
    prefixes: ['/v1/report', '/v1/panels'],
    async handle(req) {
      if (req.method !== 'GET') return { status: 405, body: { error: 'use GET' }, headers: { allow: 'GET' } };
      try {
        if (req.path === '/v1/report') {
          const q = parseQuery(req.query, reportQuery);
          return json(200, reportJson(await buildReport(wh, { tenant: req.tenant, ...(q.group ? { group: q.group } : {}) })));
        }
        if (req.path === '/v1/panels') {
          parseQuery(req.query, z.object({}));
          return json(200, {
            dashboards: DASHBOARDS.map((d) => ({
              uid: d.uid, title: d.title,
              panels: d.panels.map((p) => ({ id: p.id, title: p.title, description: p.description, columns: p.columns, href: `/v1/panels/${p.id}` })),
            })),
          });
        }
        const m = /^\/v1\/panels\/([A-Za-z0-9_-]+)$/.exec(req.path);
        if (m) return await panelRows(req, m[1]!);
        return undefined;
      } catch (err) {
        if (err instanceof BadRequest) return problem(400, err.message);
        // NoDataError's own text lists the tenants that do have data: never shown to another tenant.
        if (err instanceof NoDataError) {
          const group = req.query.get('group');
          return problem(404, group ? `group ${JSON.stringify(group)} has no health rows for this tenant` : 'no health rows for this tenant yet: the analytics have not judged any of its groups');
        }
        throw err;
      }
    },
  };
}

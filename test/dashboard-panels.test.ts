// Every panel's SQL, bound the way the offline report binds it, against the embedded warehouse
// filled by the simulator and the real analytics steps: each returns rows with its columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindPanel, DASHBOARDS, grafanaAlertRules, reportScope, runPanel, variablesFor, type ReportScope } from '@qunpulse/dashboards';
import { Alerter } from '@qunpulse/alerter';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { SIMULATED_SETUP_MS, simulatedWarehouse } from './support/simulated.js';
import { ownersAsStaff } from './support/owners-as-staff.js';

describe('dashboard panels on simulated data', () => {
  let wh: Warehouse;
  let scope: ReportScope;

  beforeAll(async () => {
    // The alerter runs after every recompute as in `qunpulse run` (no chat apps configured), so the
    // alerts panel has rows too.
    let alerter: Alerter | undefined;
    ({ wh } = await simulatedWarehouse({
      groups: 20, days: 84, seed: 11,
      // Owners answer as staff, so the response-time panels have rows.
      beforeRecompute: ownersAsStaff,
      afterRecompute: async (ctx) => { await (alerter ??= new Alerter({ warehouse: ctx.warehouse, topic: '', log: silentLogger() })).listener(ctx); },
    }));
    scope = await reportScope(wh);
  }, SIMULATED_SETUP_MS);
  afterAll(async () => { await wh?.close(); });

  it('picks the simulated tenant and a group in trouble as the spotlight', () => {
    expect(scope.tenant).toBe('demo');
    expect(['dying', 'declining', 'dead']).toContain(scope.group.status);
  });

  for (const d of DASHBOARDS) {
    for (const p of d.panels) {
      it(`${d.title} › ${p.title} returns rows with columns ${p.columns.join(', ')}`, async () => {
        const values = variablesFor(d.uid, scope);
        const q = bindPanel(p, values, scope.range);
        const described = await wh.query<{ name: string }>(`DESCRIBE (${q.sql})`, q.params);
        expect(described.map((c) => c.name)).toEqual(p.columns);
        const { rows } = await runPanel(wh, p, values, scope.range);
        expect(rows.length).toBeGreaterThan(0);
        expect(Object.keys(rows[0]!)).toEqual(p.columns);
      });
    }
  }

  for (const r of grafanaAlertRules().groups[0]!.rules) {
    it(`Grafana alert rule ${r.title} fires for exactly the groups the alerter alerted on the latest day`, async () => {
      const sql = (r.data[0]!.model as unknown as { rawSql: string }).rawSql;
      const described = await wh.query<{ name: string }>(`DESCRIBE (${sql})`);
      expect(described.map((c) => c.name)).toEqual(['tenant_id', 'platform', 'group_id', 'severity', 'detail', 'action', 'value']);
      const rows = await wh.query<{ group_id: string; value: number; action: string }>(sql);
      expect(rows.length).toBeGreaterThan(0);
      const firing = rows.filter((x) => x.value > 0);
      const alerted = await wh.query<{ group_id: string }>(
        `SELECT DISTINCT group_id FROM alerts FINAL WHERE rule = {r:String} AND day = (SELECT max(day) FROM group_health_daily)`, { r: r.labels!.qunpulse_rule! });
      expect(firing.map((x) => x.group_id).sort()).toEqual(alerted.map((x) => x.group_id).sort());
      expect(firing.every((x) => x.action.length > 0)).toBe(true);
    });
  }

  it('has Grafana alert rules that fire on the simulated data', async () => {
    let firing = 0;
    for (const r of grafanaAlertRules().groups[0]!.rules) {
      const rows = await wh.query<{ value: number }>((r.data[0]!.model as unknown as { rawSql: string }).rawSql);
      firing += rows.filter((x) => x.value > 0).length;
    }
    expect(firing).toBeGreaterThan(0);
  });

  it('shows group status over time, not just the last day', async () => {
    const p = DASHBOARDS[0]!.panels.find((x) => x.id === 'groups_by_status')!;
    const { rows } = await runPanel(wh, p, variablesFor('qunpulse-overview', scope), scope.range);
    expect(rows.length).toBeGreaterThan(4);
  });
});

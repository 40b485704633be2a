// The health section of the report on a simulated tenant: every judged group carries its status,
// score, reasons with numbers and a retention summary; the tenant gets status counts and survival.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, fissionStep, REPORT_SECTIONS, renderReportText, type GroupHealthReport, type TenantHealthReport } from '@qunpulse/analytics-worker';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { testWarehouse } from './support/kit.js';
import { healthAsOf, loadSimulation } from './support/health-eval.js';

describe('health report section', () => {
  let wh: Warehouse;
  beforeAll(async () => { wh = await testWarehouse(); });
  afterAll(async () => { await wh.close(); });

  it('reports status, reasons with numbers, retention, status counts and the survival curve', async () => {
    const sim = await loadSimulation(wh, { groups: 20, days: 100, seed: 9404, tenantId: 'report' });
    const asOf = sim.truth.end - 1;
    await healthAsOf(wh, sim.groups, asOf);
    // The invitation depth the report shows is the fission step's.
    await fissionStep.run({ warehouse: wh, asOf, groups: sim.groups, log: silentLogger() });
    // The registered sections, without the KOL one (its step is not run here).
    const sections = REPORT_SECTIONS.filter((s) => s.name === 'counts' || s.name === 'health');
    expect(sections.map((s) => s.name)).toEqual(['counts', 'health']);
    const report = await buildReport(wh, { asOf, tenantId: 'report' }, sections);

    expect(report.groups).toHaveLength(20);
    for (const g of report.groups as unknown as GroupHealthReport[]) {
      expect(['thriving', 'stable', 'declining', 'dying', 'dead', 'new']).toContain(g.status);
      expect(g.healthScore).toBeGreaterThanOrEqual(0);
      expect(g.healthScore).toBeLessThanOrEqual(100);
      for (const r of g.reasons) {
        expect(r.detail).toMatch(/\d/);
        expect(Object.keys(r.evidence).length).toBeGreaterThan(0);
      }
      expect(g.retention.memberships).toBeGreaterThan(0);
    }
    const dead = (report.groups as unknown as GroupHealthReport[]).filter((g) => g.status === 'dead');
    expect(dead.length).toBeGreaterThan(0);
    for (const g of dead) expect(g.reasons.map((r) => r.code)).toContain('silent_14d');

    const invited = (report.groups as unknown as GroupHealthReport[]).filter((g) => g.retention.byJoinPath.invite);
    expect(invited.length).toBeGreaterThan(0);
    expect(Math.max(...invited.map((g) => g.retention.inviteTreeDepth))).toBeGreaterThanOrEqual(2);

    const tenant = report.tenants[0] as unknown as TenantHealthReport & { groups: number };
    const counted = Object.values(tenant.statusCounts).reduce((a, b) => a + b, 0);
    expect(counted).toBe(20);
    expect(tenant.statusCounts.dead).toBe(dead.length);
    // Every group is older than 7 and 30 days at the end of a 100-day history except the new ones.
    expect(tenant.survival.d30.groups).toBeGreaterThan(10);
    expect(tenant.survival.d30.share).toBeLessThan(1);
    expect(tenant.survival.d7.share!).toBeGreaterThanOrEqual(tenant.survival.d30.share!);
    expect(Object.keys(tenant.retentionByJoinPath)).toEqual(expect.arrayContaining(['invite', 'qr_code']));
    expect(tenant.cohorts.length).toBeGreaterThan(0);
    expect(tenant.cohorts.every((c) => c.memberships > 0)).toBe(true);
    expect(tenant.topInviters[0]!.invited).toBeGreaterThanOrEqual(tenant.topInviters.at(-1)!.invited);

    const text = renderReportText(report, sections);
    expect(text).toContain('Group health as of');
    expect(text).toMatch(/alive 7 \/ 30 \/ 90 days after creation: \d+% of \d+/);
  }, 900_000);
});

// Early warning: cut simulated histories at several instants T, judge each group with only what
// was known at T, and check the following 28 days. `dying` at T should mean dead by T + 28.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earlyWarningReport, type WarningObservation } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { testWarehouse } from './support/kit.js';
import { healthAsOf, loadSimulation } from './support/health-eval.js';

const DAY = 86_400_000;
const SEEDS = (process.env.EARLY_WARNING_SEEDS ?? '8101,8202').split(',').map(Number);
const GROUPS = 40;
const DAYS = 90;
/** Cuts every few days from day 35 (a full baseline) to 28 days before the end (the future must be known). */
const CUT_EVERY_DAYS = 4;
const HORIZON_DAYS = 28;
/** Dead 14 days after the last human message. */
const DEAD_AFTER_DAYS = 14;

describe('early warning on cut histories', () => {
  let wh: Warehouse;
  beforeAll(async () => { wh = await testWarehouse(); });
  afterAll(async () => { await wh.close(); });

  it(`flags groups dead within ${HORIZON_DAYS} days with recall ≥ 0.8 at precision ≥ 0.8 and a median lead time ≥ 14 days`, async () => {
    const observations: WarningObservation[] = [];
    for (const seed of SEEDS) {
      const sim = await loadSimulation(wh, { groups: GROUPS, days: DAYS, seed, tenantId: `ew-${seed}` });
      const truth = new Map(sim.truth.groups.map((g) => [g.groupId, g]));
      for (let cut = sim.truth.start + 35 * DAY - 1; cut <= sim.truth.end - HORIZON_DAYS * DAY; cut += CUT_EVERY_DAYS * DAY) {
        const health = await healthAsOf(wh, sim.groups, cut);
        for (const h of health) {
          const g = truth.get(h.groupId)!;
          const silentFrom = g.lastHumanMessageAt ?? null;
          // The group is dead at the end only when its last human message is 14 days before the end.
          const deadAt = silentFrom !== null && silentFrom + DEAD_AFTER_DAYS * DAY <= sim.truth.end ? silentFrom + DEAD_AFTER_DAYS * DAY : null;
          observations.push({ groupId: `${seed}/${h.groupId}`, cutAt: cut, status: h.status, deadAt, silentFrom });
        }
      }
    }
    const report = earlyWarningReport(observations, HORIZON_DAYS);
    const diesSoon = (o: WarningObservation) => o.deadAt !== null && o.deadAt > o.cutAt && o.deadAt <= o.cutAt + HORIZON_DAYS * DAY;
    const fp = observations.filter((o) => o.status === 'dying' && !diesSoon(o));
    const fn = observations.filter((o) => o.status !== 'dying' && o.status !== 'dead' && o.status !== 'new' && diesSoon(o));
    console.log(JSON.stringify(report), '\nFP', fp.map((o) => `${o.groupId}@${new Date(o.cutAt).toISOString().slice(0, 10)}`).join(' '),
      '\nFN', fn.map((o) => `${o.groupId}@${new Date(o.cutAt).toISOString().slice(0, 10)}:${o.status} dead ${new Date(o.deadAt!).toISOString().slice(0, 10)}`).join(' '));
    expect(report.truePositives + report.falseNegatives).toBeGreaterThanOrEqual(10);
    expect(report.recall).toBeGreaterThanOrEqual(0.8);
    expect(report.precision).toBeGreaterThanOrEqual(0.8);
    expect(report.medianLeadDaysToDead).toBeGreaterThanOrEqual(14);
  }, 900_000);
});

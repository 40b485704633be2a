// Group status against the simulator's ground truth: healthy (thriving, stable), at risk
// (declining, dying) and dead, scored by macro-F1 on seeds the rules were not tuned on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classificationReport } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { testWarehouse } from './support/kit.js';
import { healthAsOf, loadSimulation } from './support/health-eval.js';

const SEEDS = [7101, 7202, 7303];
const GROUPS = 60;
const DAYS = 120;

describe('group health status against ground truth', () => {
  let wh: Warehouse;
  beforeAll(async () => { wh = await testWarehouse(); });
  afterAll(async () => { await wh.close(); });

  for (const seed of SEEDS) {
    it(`seed ${seed}: macro-F1 ≥ 0.9 over healthy / at risk / dead, and ad-spammed dead groups are dead`, async () => {
      const tenantId = `acc-${seed}`;
      const sim = await loadSimulation(wh, { groups: GROUPS, days: DAYS, seed, tenantId });
      const asOf = sim.truth.end - 1;
      const health = await healthAsOf(wh, sim.groups, asOf);
      const byGroup = new Map(health.map((h) => [h.groupId, h]));
      const pairs = sim.truth.groups.map((g) => ({ truth: g.status, predicted: byGroup.get(g.groupId)!.status }));
      const report = classificationReport(pairs);
      const misses = sim.truth.groups
        .filter((g) => byGroup.get(g.groupId)!.status !== g.status)
        .map((g) => `${g.groupId} ${g.archetype}: truth ${g.status}, got ${byGroup.get(g.groupId)!.status} [${byGroup.get(g.groupId)!.reasons.map((r) => r.code).join(',')}]`);
      console.log(`seed ${seed}: ${sim.events} events, macro-F1 ${report.macroF1.toFixed(3)}`, JSON.stringify(report.confusion), '\n' + misses.join('\n'));
      expect(report.scored).toBeGreaterThanOrEqual(GROUPS * 0.8);
      expect(report.macroF1).toBeGreaterThanOrEqual(0.9);

      // Dead groups that still receive ads: busy by message count, dead by conversation.
      const spammedDead = health.filter((h) => sim.truth.groups.find((g) => g.groupId === h.groupId)!.status === 'dead' && h.reasons.some((r) => r.code === 'silent_14d' && r.evidence.adMessages14d! > 0));
      const truthDead = sim.truth.groups.filter((g) => g.status === 'dead');
      expect(truthDead.length).toBeGreaterThan(0);
      expect(spammedDead.length).toBeGreaterThan(0);
      for (const g of truthDead) expect(byGroup.get(g.groupId)!.status, g.groupId).toBe('dead');
    }, 900_000);
  }
});

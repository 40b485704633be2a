// The scoring used to measure the rules: 3-class macro-F1 and early-warning precision, recall and lead.
import { describe, expect, it } from 'vitest';
import { classificationReport, earlyWarningReport, type WarningObservation } from './evaluation.js';

const DAY = 86_400_000;

describe('classificationReport', () => {
  it('maps statuses to healthy / at risk / dead, leaves `new` out and averages F1 over present classes', () => {
    const r = classificationReport([
      { truth: 'thriving', predicted: 'stable' },
      { truth: 'stable', predicted: 'declining' },
      { truth: 'dying', predicted: 'declining' },
      { truth: 'dead', predicted: 'dead' },
      { truth: 'new', predicted: 'dead' },
    ]);
    expect(r.scored).toBe(4);
    expect(r.confusion.healthy).toEqual({ healthy: 1, at_risk: 1, dead: 0 });
    expect(r.perClass.healthy).toMatchObject({ precision: 1, recall: 0.5 });
    expect(r.perClass.at_risk).toMatchObject({ precision: 0.5, recall: 1 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3);
  });
});

describe('earlyWarningReport', () => {
  const T0 = Date.UTC(2026, 6, 1);
  const obs = (groupId: string, cutDay: number, status: WarningObservation['status'], deadDay: number | null): WarningObservation =>
    ({ groupId, cutAt: T0 + cutDay * DAY, status, deadAt: deadDay === null ? null : T0 + deadDay * DAY, silentFrom: deadDay === null ? null : T0 + (deadDay - 14) * DAY });

  it('counts dying before a death within the horizon as a hit and measures lead from the first warning', () => {
    const r = earlyWarningReport([
      obs('a', 0, 'declining', 30), // dies at day 30: 30 days away, outside the horizon: not counted either way
      obs('a', 4, 'dying', 30), // first warning, 26 days ahead
      obs('a', 8, 'dying', 30),
      obs('b', 0, 'stable', 20), // missed
      obs('c', 0, 'dying', null), // false alarm
      obs('d', 0, 'dead', 10), // already dead at the cut: not evaluated
      obs('e', 0, 'new', 10), // too young: not evaluated
    ]);
    expect(r).toMatchObject({ evaluated: 5, truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(r.precision).toBeCloseTo(2 / 3);
    expect(r.recall).toBeCloseTo(2 / 3);
    expect(r.medianLeadDaysToDead).toBe(26);
    expect(r.medianLeadDaysToSilence).toBe(12);
  });
});

// The activity rules against what the calendar and the tenant explain: a group is judged against
// its own history and against the movement of its whole tenant.
import { describe, expect, it } from 'vitest';
import { assessGroup } from './assess.js';
import { parseHolidayCalendar } from './calendar.js';
import { computeSignals } from './signals.js';
import { tenantMovement } from './tenant-movement.js';
import { AS_OF, steadyGroup } from './test-series.js';
import type { HealthAssessment, ReasonCode, TenantMovement } from './types.js';
import { DAY_MS, dayKey } from './windows.js';

const codes = (a: HealthAssessment) => a.reasons.map((r) => r.code);
const ACTIVITY: readonly ReasonCode[] = ['activity_collapse', 'activity_declining', 'heading_to_silence', 'going_silent'];
const activityCodes = (a: HealthAssessment) => codes(a).filter((c) => ACTIVITY.includes(c));
/** End of the 7th day of 春节 2026 (Feb 15–24): the last 7 days are all holiday. */
const SPRING_2026 = Date.UTC(2026, 1, 21, 23, 59);
const inSpring2026 = (asOf: number, fromEnd: number) => {
  const day = dayKey(asOf - fromEnd * DAY_MS);
  return day >= '2026-02-15' && day <= '2026-02-24';
};
/** Every group of the tenant is down 60% in messages and 40% in active members. */
const TENANT_DOWN_60: TenantMovement = { groups: 20, medianMessageRatio: 0.4, medianActiveRatio: 0.6 };
const dip60 = (d: number) => (d < 7 ? { humanMessages: 12, active7d: 15 } : {});

describe('the tenant movement', () => {
  it('excuses a dip every group shares, on any week, when it speaks for enough groups', () => {
    expect(assessGroup(steadyGroup({}, dip60)).status).toBe('declining');
    const shared = assessGroup(steadyGroup({ tenantMovement: TENANT_DOWN_60 }, dip60));
    expect(['thriving', 'stable']).toContain(shared.status);
    expect(activityCodes(shared)).toEqual([]);
    expect(assessGroup(steadyGroup({ tenantMovement: { ...TENANT_DOWN_60, groups: 4 } }, dip60)).status).toBe('declining');
  });

  it('on an ordinary week counts only when most groups are down by a quarter', () => {
    const mild: TenantMovement = { groups: 20, medianMessageRatio: 0.8, medianActiveRatio: 0.9 };
    const a = assessGroup(steadyGroup({ tenantMovement: mild }, (d) => (d < 7 ? { humanMessages: 18, active7d: 20 } : {})));
    expect(codes(a)).toContain('activity_declining');
    expect(a.reasons[0]!.evidence.expectedMessageRatio).toBeUndefined();
  });

  it('never explains more than a 75% fall', () => {
    const collapsed: TenantMovement = { groups: 20, medianMessageRatio: 0.1, medianActiveRatio: 0.1 };
    const a = assessGroup(steadyGroup({ tenantMovement: collapsed }, (d) => (d < 7 ? { humanMessages: 3, active7d: 2.5 } : {})));
    const r = a.reasons.find((x) => x.code === 'activity_collapse')!;
    expect(r.evidence).toMatchObject({ messageRatio: 0.1, expectedMessageRatio: 0.25, relativeMessageRatio: 0.4, tenantMessageRatio: 0.1 });
  });
});

describe('holidays', () => {
  const holidayDip = (asOf: number, factor: number, active = 25) => (d: number) =>
    (inSpring2026(asOf, d) ? { humanMessages: Math.round(30 * factor), active7d: active } : {});

  it('widen the baseline: a 60% dip over 春节 is no decline even without the tenant movement', () => {
    const a = assessGroup(steadyGroup({ asOf: SPRING_2026 }, holidayDip(SPRING_2026, 0.4, 15)));
    expect(['thriving', 'stable']).toContain(a.status);
    expect(activityCodes(a)).toEqual([]);
    const s = computeSignals(steadyGroup({ asOf: SPRING_2026 }, holidayDip(SPRING_2026, 0.4, 15)));
    expect(s).toMatchObject({ holidayDays7d: 7, holidays7d: ['春节 (Spring Festival)'], expectedMessageRatio: 0.5, thresholdScale: 0.75, relativeMessageRatio: 0.8 });
    // The same days for a tenant that does not observe 春节: a collapse.
    const elsewhere = assessGroup(steadyGroup({ asOf: SPRING_2026, calendar: parseHolidayCalendar({ builtIn: ['christmas'] }) }, holidayDip(SPRING_2026, 0.4, 15)));
    expect(codes(elsewhere)).toContain('activity_collapse');
  });

  it('a group down 90% while its tenant is down 60% is dying over 春节, and its sentence says why', () => {
    const a = assessGroup(steadyGroup({ asOf: SPRING_2026, tenantMovement: TENANT_DOWN_60 }, holidayDip(SPRING_2026, 0.1, 5)));
    expect(a.status).toBe('dying');
    const r = a.reasons.find((x) => x.code === 'activity_collapse')!;
    expect(r.evidence).toMatchObject({
      messageRatio: 0.1, holidayDays7d: 7, expectedMessageRatio: 0.4, tenantMessageRatio: 0.4, relativeMessageRatio: 0.25,
      expectedActiveRatio: 0.5, tenantActiveRatio: 0.6, relativeActiveRatio: 0.4,
    });
    expect(r.detail).toContain('7 days of the last 7 were holidays (春节 (Spring Festival))');
    expect(r.detail).toContain("the tenant's groups as a whole are at 40% of their usual messages and 60% of their usual active members");
    expect(r.detail).toContain('messages at 25%');
  });

  it('a key member quiet over the holiday is away; one who left is gone', () => {
    const kol = (how: 'left' | 'silent') => ({ coreMembers: 6, topSpeakerShare: 0.2, departedKols: [{ memberId: 'u-kol', how, priorShare: 0.3, at: SPRING_2026 - 7 * DAY_MS }] });
    const quiet = assessGroup(steadyGroup({ asOf: SPRING_2026, tenantMovement: TENANT_DOWN_60, structure: kol('silent') }, holidayDip(SPRING_2026, 0.4, 15)));
    expect(codes(quiet)).not.toContain('kol_departed');
    const left = assessGroup(steadyGroup({ asOf: SPRING_2026, tenantMovement: TENANT_DOWN_60, structure: kol('left') }, holidayDip(SPRING_2026, 0.4, 15)));
    expect(codes(left)).toContain('kol_departed');
    // Left, and the group fell far below its tenant: dying.
    const falling = assessGroup(steadyGroup({ asOf: SPRING_2026, tenantMovement: TENANT_DOWN_60, structure: kol('left') }, holidayDip(SPRING_2026, 0.15, 8)));
    expect(falling.status).toBe('dying');
  });

  it('are left out of the baseline and the trend, so the weeks after are judged against ordinary weeks', () => {
    // Back to 30 a day after 春节: not growing against the holiday's quiet.
    const after = Date.UTC(2026, 2, 10, 23, 59);
    const group = (calendar?: ReturnType<typeof parseHolidayCalendar>) => steadyGroup({ asOf: after, ...(calendar ? { calendar } : {}) }, holidayDip(after, 0.4, 15));
    expect(codes(assessGroup(group()))).not.toContain('growing');
    expect(codes(assessGroup(group(parseHolidayCalendar({ builtIn: [] }))))).toContain('growing');
    // Two days after 春节, five holiday days still in the window: the quiet is neither a decline nor a trend to silence.
    const soon = Date.UTC(2026, 1, 26, 23, 59);
    const a = assessGroup(steadyGroup({ asOf: soon }, holidayDip(soon, 0.25, 15)));
    expect(activityCodes(a)).toEqual([]);
    const naive = assessGroup(steadyGroup({ asOf: soon, calendar: parseHolidayCalendar({ builtIn: [] }) }, holidayDip(soon, 0.25, 15)));
    expect(activityCodes(naive).length).toBeGreaterThan(0);
  });

  it('an ordinary week is judged as before: nothing expected, nothing widened', () => {
    const s = computeSignals(steadyGroup({}, dip60));
    expect(s).toMatchObject({ holidayDays7d: 0, expectedMessageRatio: 1, thresholdScale: 1, relativeMessageRatio: s.messageRatio, tenantMessageRatio: null });
  });
});

describe('tenantMovement', () => {
  it('is the median over groups old enough, still talking and with a baseline', () => {
    const dipping = [0.2, 0.3, 0.4, 0.5, 0.9].map((f) => steadyGroup({}, (d) => (d < 7 ? { humanMessages: Math.round(30 * f), active7d: Math.round(25 * (f + 0.2)) } : {})));
    const young = steadyGroup({ createdAt: AS_OF - 10 * DAY_MS });
    const dead = steadyGroup({ lastHumanMessageAt: AS_OF - 20 * DAY_MS }, (d) => (d < 20 ? { humanMessages: 0, active7d: 0 } : {}));
    const tiny = steadyGroup({}, () => ({ humanMessages: 0.5, active7d: 1 }));
    const m = tenantMovement([...dipping, young, dead, tiny]);
    expect(m).toEqual({ groups: 5, medianMessageRatio: 0.4, medianActiveRatio: 0.6 });
    expect(tenantMovement([])).toEqual({ groups: 0, medianMessageRatio: null, medianActiveRatio: null });
  });
});

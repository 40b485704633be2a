// Calendar-aware health on a simulated tenant: every group loses 60% of its activity over 春节.
// The dip is the calendar, not the groups: no healthy group may turn declining or dying and no
// activity reason or alert may fire, while the groups that really die that week are still dying.
import { describe, expect, it } from 'vitest';
import { evaluateRules, type GroupFacts } from '@qunpulse/alerts';
import {
  addDays, assessGroup, computeSignals, parseHolidayCalendar, THRESHOLDS, springFestival, tenantMovement,
  type GroupHealthInput, type HealthAssessment, type ReasonCode,
} from '@qunpulse/health';
import { inputAsOf, seeded, simulateGroup, type SimGroup, type SimGroupPlan } from './support/holiday-tenant.js';

const FROM = '2026-01-02';
const TO = '2026-03-10';
const HOLIDAY = springFestival(2026)!;
const inHoliday = (day: string) => day >= HOLIDAY.from && day <= HOLIDAY.to;
/** Judged every day from the first day of 春节 until its last day has left the 7-day window. */
const JUDGED: string[] = [];
for (let d = HOLIDAY.from; d <= addDays(HOLIDAY.to, 7); d = addDays(d, 1)) JUDGED.push(d);
const ACTIVITY_REASONS: readonly ReasonCode[] = ['activity_collapse', 'activity_declining', 'heading_to_silence', 'going_silent', 'silent_14d'];
const HEALTHY_GROUPS = 30;
/** Ordinary days around the holiday: two weeks before it and a week after its last trace in the window. */
const ORDINARY: string[] = [];
for (let d = '2026-02-01'; d <= '2026-03-10'; d = addDays(d, 1)) if (!JUDGED.includes(d)) ORDINARY.push(d);
/** Seeds of the sweep comparing holiday and ordinary days (`HOLIDAY_SEEDS=1,2,…,10` for the README's figures). */
const SWEEP_SEEDS = (process.env.HOLIDAY_SEEDS ?? '1,2,3').split(',').map(Number);

/** A verdict that would raise an activity alarm: at risk, or any activity reason. */
const flagged = (a: HealthAssessment) => a.status === 'declining' || a.status === 'dying' || a.reasons.some((r) => ACTIVITY_REASONS.includes(r.code));

function buildTenant(seed = 2026, groups = HEALTHY_GROUPS): { healthy: SimGroup[]; dying: Record<'collapse' | 'kolLeft' | 'silenced', SimGroup> } {
  const rand = seeded(seed);
  const createdAt = Date.parse('2025-09-01T08:00:00Z');
  const holidayDip = (day: string) => (inHoliday(day) ? 0.4 : 1);
  const plan = (groupId: string, members: number, rest: Partial<SimGroupPlan> = {}): SimGroupPlan => ({ groupId, members, activity: holidayDip, ...rest });
  const healthy = Array.from({ length: groups }, (_, i) => {
    const members = 60 + Math.floor(rand() * 340);
    // One group's key member is away for the whole holiday: away, not gone.
    const rest = i === 0 ? { kolQuietOn: inHoliday } : {};
    return simulateGroup(plan(`healthy-${i}`, members, rest), FROM, TO, rand, createdAt);
  });
  const fromHoliday = (factor: number) => (day: string) => (day >= HOLIDAY.from ? factor : 1);
  return {
    healthy,
    dying: {
      // Down 95% while the tenant is down 60%.
      collapse: simulateGroup(plan('dying-collapse', 150, { activity: fromHoliday(0.05) }), FROM, TO, rand, createdAt),
      // Its key member leaves as the holiday starts and the conversation falls 85%.
      kolLeft: simulateGroup(plan('dying-kol-left', 40, { activity: fromHoliday(0.15), kolLeavesOn: HOLIDAY.from }), FROM, TO, rand, createdAt),
      // Talks on the first two days of the holiday, then never again.
      silenced: simulateGroup(plan('dying-silenced', 120, { activity: (d) => (d >= addDays(HOLIDAY.from, 2) ? 0 : holidayDip(d)) }), FROM, TO, rand, createdAt),
    },
  };
}

/** Every group of the tenant judged as of the end of `day`, with the tenant's movement when asked. */
function judgeTenant(groups: SimGroup[], day: string, opts: { movement: boolean; calendar?: GroupHealthInput['calendar'] }): Map<string, HealthAssessment> {
  const inputs = groups.map((g) => ({ ...inputAsOf(g, day), ...(opts.calendar ? { calendar: opts.calendar } : {}) }));
  const movement = opts.movement ? tenantMovement(inputs) : undefined;
  return new Map(inputs.map((i) => [i.groupId, assessGroup({ ...i, ...(movement ? { tenantMovement: movement } : {}) })]));
}

function facts(a: HealthAssessment, day: string, previousStatus: string | undefined): GroupFacts {
  return {
    tenantId: 'holiday-tenant', platform: 'wecom', groupId: a.groupId, groupName: a.groupId, purpose: 'community', day,
    status: a.status, ...(previousStatus ? { previousStatus } : {}), healthScore: a.healthScore, members: a.members,
    activeMembers7d: a.activeMembers7d, messages7d: a.messages7d, reasonCodes: a.reasons.map((r) => r.code),
    reasonDetails: a.reasons.map((r) => r.detail), leaves7d: 0, leavesBaseline7d: 0, adMessages7d: 0, humanMessages7d: a.messages7d,
    adBaseline7d: 0, newcomers7d: 0, newcomersWelcomed7d: 0, departedKols: [], remainingKols: [],
  };
}

describe('calendar-aware health: a tenant whose groups all dip 60% over 春节', () => {
  const tenant = buildTenant();
  const all = [...tenant.healthy, ...Object.values(tenant.dying)];
  const verdicts = new Map(JUDGED.map((day) => [day, judgeTenant(all, day, { movement: true })]));
  const holidayWeekEnd = addDays(HOLIDAY.from, 6);

  it('the simulated dip is 60% of messages across the tenant, and the tenant movement measures it', () => {
    const inputs = all.map((g) => inputAsOf(g, holidayWeekEnd));
    const movement = tenantMovement(inputs);
    console.log(`tenant movement at the end of the first 春节 week: ${JSON.stringify(movement)}`);
    expect(movement.groups).toBeGreaterThanOrEqual(HEALTHY_GROUPS);
    expect(movement.medianMessageRatio!).toBeGreaterThan(0.33);
    expect(movement.medianMessageRatio!).toBeLessThan(0.47);
    // Regulars still drop in: active members fall less than messages.
    expect(movement.medianActiveRatio!).toBeGreaterThan(movement.medianMessageRatio!);
    const ordinary = tenantMovement(all.map((g) => inputAsOf(g, addDays(HOLIDAY.from, -1))));
    expect(ordinary.medianMessageRatio!).toBeGreaterThan(0.9);
  });

  it('no healthy group is declining or dying, and no activity reason or dying alert fires on any day', () => {
    const previous = new Map<string, string>();
    let margin = { value: Infinity, where: '' };
    const movements = new Map(JUDGED.map((day) => [day, tenantMovement(all.map((g) => inputAsOf(g, day)))]));
    for (const day of JUDGED) {
      for (const g of tenant.healthy) {
        const a = verdicts.get(day)!.get(g.plan.groupId)!;
        const where = `${g.plan.groupId} on ${day}: ${a.status} [${a.reasons.map((r) => `${r.code} ${r.detail}`).join(' | ')}]`;
        expect(['thriving', 'stable'], where).toContain(a.status);
        expect(a.reasons.filter((r) => ACTIVITY_REASONS.includes(r.code)), where).toEqual([]);
        expect(a.reasons.map((r) => r.code), where).not.toContain('kol_departed');
        const alerts = evaluateRules(facts(a, day, previous.get(a.groupId)));
        expect(alerts.filter((x) => x.rule === 'group_dying' || x.rule === 'group_died'), where).toEqual([]);
        previous.set(a.groupId, a.status);
        // How far the lowest ratio stays above the (widened) decline threshold.
        const s = computeSignals({ ...inputAsOf(g, day), tenantMovement: movements.get(day)! });
        const worst = Math.min(s.relativeMessageRatio ?? Infinity, s.relativeActiveRatio ?? Infinity);
        const m = worst / (THRESHOLDS.declineRatio * s.thresholdScale);
        if (m < margin.value) margin = { value: m, where: `${g.plan.groupId} on ${day}: relative ${worst}, raw ${s.messageRatio}/${s.activeRatio}` };
      }
    }
    console.log(`smallest margin above the decline threshold: ${margin.value.toFixed(2)}× (${margin.where})`);
  });

  it('a group down 95% while the tenant is down 60% is dying from the end of the holiday week on', () => {
    for (const day of JUDGED.filter((d) => d >= holidayWeekEnd)) {
      const a = verdicts.get(day)!.get('dying-collapse')!;
      expect(a.status, `${day}: ${a.reasons.map((r) => r.detail).join(' | ')}`).toBe('dying');
    }
    const r = verdicts.get(holidayWeekEnd)!.get('dying-collapse')!.reasons.find((x) => x.code === 'activity_collapse')!;
    console.log(`down 95%: ${r.detail}`);
    expect(r.evidence.messageRatio).toBeLessThan(0.1);
    expect(r.evidence.relativeMessageRatio).toBeLessThan(0.3);
    expect(r.evidence.tenantMessageRatio).toBeGreaterThan(0.33);
    expect(r.detail).toContain('春节');
    expect(r.detail).toContain("the tenant's groups as a whole are at");
  });

  it('a group whose key member left as its conversation fell is dying from the end of the holiday week on', () => {
    for (const day of JUDGED.filter((d) => d >= holidayWeekEnd)) {
      const a = verdicts.get(day)!.get('dying-kol-left')!;
      expect(a.status, `${day}: ${a.reasons.map((r) => r.detail).join(' | ')}`).toBe('dying');
      expect(a.reasons.map((r) => r.code)).toContain('kol_departed');
    }
  });

  it('a group that fell silent during the holiday is dying after 5 silent days, then dead', () => {
    const lastTalk = addDays(HOLIDAY.from, 1);
    for (const day of JUDGED.filter((d) => d >= addDays(lastTalk, 5))) {
      const a = verdicts.get(day)!.get('dying-silenced')!;
      expect(a.status, day).toBe(day >= addDays(lastTalk, 14) ? 'dead' : 'dying');
    }
  });

  it('without the calendar and the tenant movement, the same holiday flags most healthy groups', () => {
    const naive = judgeTenant(all, holidayWeekEnd, { movement: false, calendar: parseHolidayCalendar({ builtIn: [] }) });
    const atRisk = tenant.healthy.filter((g) => ['declining', 'dying'].includes(naive.get(g.plan.groupId)!.status));
    console.log(`without the calendar and the tenant: ${atRisk.length} of ${HEALTHY_GROUPS} healthy groups declining or dying`);
    expect(atRisk.length).toBeGreaterThan(HEALTHY_GROUPS * 0.8);
  });

  it('a tenant-wide dip on days no calendar lists is also the tenant, not the group', () => {
    const unlisted = { from: '2026-03-02', to: '2026-03-08' };
    const rand = seeded(77);
    const createdAt = Date.parse('2025-09-01T08:00:00Z');
    const dip = (day: string) => (day >= unlisted.from && day <= unlisted.to ? 0.4 : 1);
    const groups = Array.from({ length: 12 }, (_, i) => simulateGroup({ groupId: `g${i}`, members: 60 + Math.floor(rand() * 200), activity: dip }, FROM, TO, rand, createdAt));
    const judged = judgeTenant(groups, unlisted.to, { movement: true });
    for (const [id, a] of judged) expect(['thriving', 'stable'], `${id}: ${a.reasons.map((r) => r.detail).join(' | ')}`).toContain(a.status);
    const alone = judgeTenant(groups, unlisted.to, { movement: false });
    expect([...alone.values()].filter((a) => a.status === 'declining' || a.status === 'dying').length).toBeGreaterThan(6);
  });

  it(`seeds ${SWEEP_SEEDS.join(', ')}: the holiday raises no more alarms than ordinary days do, and without the calendar most groups are flagged`, () => {
    const count = { ordinary: 0, ordinaryFlagged: 0, holiday: 0, holidayFlagged: 0, naiveFlagged: 0 };
    const noCalendar = parseHolidayCalendar({ builtIn: [] });
    for (const seed of SWEEP_SEEDS) {
      const t = buildTenant(seed);
      const everyone = [...t.healthy, ...Object.values(t.dying)];
      for (const day of [...ORDINARY, ...JUDGED]) {
        const holiday = JUDGED.includes(day);
        const v = judgeTenant(everyone, day, { movement: true });
        const naive = holiday ? judgeTenant(everyone, day, { movement: false, calendar: noCalendar }) : null;
        for (const g of t.healthy) {
          const f = flagged(v.get(g.plan.groupId)!);
          if (holiday) {
            count.holiday += 1;
            count.holidayFlagged += f ? 1 : 0;
            count.naiveFlagged += flagged(naive!.get(g.plan.groupId)!) ? 1 : 0;
          } else {
            count.ordinary += 1;
            count.ordinaryFlagged += f ? 1 : 0;
          }
        }
      }
    }
    const rate = { ordinary: count.ordinaryFlagged / count.ordinary, holiday: count.holidayFlagged / count.holiday, naive: count.naiveFlagged / count.holiday };
    console.log('healthy-group verdicts flagged', JSON.stringify(count), JSON.stringify(rate));
    expect(rate.holiday).toBeLessThanOrEqual(Math.max(rate.ordinary, 0.005));
    expect(rate.naive).toBeGreaterThan(0.3);
  });
});

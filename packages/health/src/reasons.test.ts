// Each reason code fires on the situation it names, and its sentence carries the evidence numbers.
import { describe, expect, it } from 'vitest';
import { assessGroup } from './assess.js';
import { AS_OF, steadyGroup } from './test-series.js';
import type { HealthAssessment, ReasonCode } from './types.js';
import { DAY_MS } from './windows.js';

const reason = (a: HealthAssessment, code: ReasonCode) => a.reasons.find((r) => r.code === code);
const codes = (a: HealthAssessment) => a.reasons.map((r) => r.code);

describe('reason codes', () => {
  it('a steady group has no warning reason and is healthy', () => {
    const a = assessGroup(steadyGroup());
    expect(codes(a)).toEqual([]);
    expect(['thriving', 'stable']).toContain(a.status);
    expect(a.messages7d).toBe(210);
  });

  it('silent_14d: no human message for 14 days, ads do not count', () => {
    const a = assessGroup(steadyGroup({ lastHumanMessageAt: AS_OF - 19 * DAY_MS }, (d) => (d < 19 ? { humanMessages: 0, speakers: 0, active7d: 0, adMessages: 3, systemMessages: 1 } : {})));
    const r = reason(a, 'silent_14d')!;
    expect(a.status).toBe('dead');
    expect(r.evidence).toMatchObject({ silentDays: 19, adMessages14d: 42, systemMessages14d: 14 });
    expect(r.detail).toContain('19 days');
    expect(r.detail).toContain('42 ads');
  });

  it('going_silent: 5 to 13 days without a human message', () => {
    const a = assessGroup(steadyGroup({ lastHumanMessageAt: AS_OF - 8 * DAY_MS }, (d) => (d < 8 ? { humanMessages: 0, speakers: 0 } : {})));
    expect(a.status).toBe('dying');
    expect(reason(a, 'going_silent')!.evidence.silentDays).toBe(8);
    expect(reason(a, 'going_silent')!.detail).toContain('8 days');
  });

  it('heading_to_silence: a steady fall whose line reaches zero within 17 days', () => {
    // 40 messages a day until 28 days ago, then 1.2 fewer each day: about 7.6 a day now.
    const a = assessGroup(steadyGroup({}, (d) => ({ humanMessages: d >= 28 ? 40 : Math.round(40 - 1.2 * (27 - d)) })));
    const r = reason(a, 'heading_to_silence')!;
    expect(r.evidence.messageTrendPerDay).toBeCloseTo(-1.2, 1);
    expect(r.evidence.projectedSilenceDays).toBeGreaterThan(4);
    expect(r.evidence.projectedSilenceDays).toBeLessThan(9);
    expect(r.detail).toMatch(/falls silent in about [4-9] days/);
    expect(a.status).toBe('dying');
    // The same fall, slower, is only declining: the line is still far from zero.
    const slow = assessGroup(steadyGroup({}, (d) => ({ humanMessages: d >= 28 ? 40 : Math.round(40 - 0.5 * (27 - d)) })));
    expect(codes(slow)).not.toContain('heading_to_silence');
  });

  it('activity_collapse: last week far below the weekly average of the 28 days before', () => {
    const a = assessGroup(steadyGroup({}, (d) => (d < 7 ? { humanMessages: 3, active7d: 6 } : {})));
    const r = reason(a, 'activity_collapse')!;
    expect(r.evidence).toMatchObject({ messages7d: 21, priorWeeklyMessages: 210, messageRatio: 0.1 });
    expect(r.detail).toContain('21');
    expect(r.detail).toContain('210');
    expect(a.status).toBe('dying');
  });

  it('activity_declining: a moderate fall', () => {
    const a = assessGroup(steadyGroup({}, (d) => (d < 7 ? { humanMessages: 18, active7d: 20 } : {})));
    const r = reason(a, 'activity_declining')!;
    expect(r.evidence.messageRatio).toBe(0.6);
    expect(r.detail).toContain('126');
    expect(a.status).toBe('declining');
  });

  it('kol_departed: a key member left', () => {
    const a = assessGroup(steadyGroup({
      structure: { coreMembers: 5, topSpeakerShare: 0.2, departedKols: [{ memberId: 'u-kol', how: 'left', priorShare: 0.31, at: AS_OF - 5 * DAY_MS }] },
    }));
    const r = reason(a, 'kol_departed')!;
    expect(r.evidence).toMatchObject({ priorShare: 0.31, departedKols: 1, left: 1 });
    expect(r.detail).toContain('u-kol');
    expect(r.detail).toContain('31%');
    expect(r.detail).toContain('2026-06-25');
  });

  it('kol_departed with an activity collapse makes the group dying', () => {
    const a = assessGroup(steadyGroup({
      structure: { coreMembers: 5, topSpeakerShare: 0.2, departedKols: [{ memberId: 'u-kol', how: 'silent', priorShare: 0.4, at: AS_OF - 9 * DAY_MS }] },
    }, (d) => (d < 7 ? { humanMessages: 12, active7d: 12 } : {})));
    expect(codes(a)).toEqual(expect.arrayContaining(['kol_departed', 'activity_collapse']));
    expect(a.status).toBe('dying');
  });

  it('kol_departed while activity declines makes the group dying', () => {
    const a = assessGroup(steadyGroup({
      structure: { coreMembers: 5, topSpeakerShare: 0.2, departedKols: [{ memberId: 'u-kol', how: 'left', priorShare: 0.35, at: AS_OF - 6 * DAY_MS }] },
    }, (d) => (d < 7 ? { humanMessages: 18, active7d: 20 } : {})));
    expect(codes(a)).toEqual(expect.arrayContaining(['kol_departed', 'activity_declining']));
    expect(a.status).toBe('dying');
    const withoutKolLoss = assessGroup(steadyGroup({}, (d) => (d < 7 ? { humanMessages: 18, active7d: 20 } : {})));
    expect(withoutKolLoss.status).toBe('declining');
  });

  it('a big community that loses a KOL with a small share of its interaction is declining, not dying', () => {
    const a = assessGroup(steadyGroup({
      structure: { coreMembers: 12, topSpeakerShare: 0.1, departedKols: [{ memberId: 'u-kol', how: 'left', priorShare: 0.06, at: AS_OF - 6 * DAY_MS }] },
    }, (d) => (d < 7 ? { humanMessages: 18, active7d: 20 } : {})));
    expect(codes(a)).toEqual(expect.arrayContaining(['kol_departed', 'activity_declining']));
    expect(a.status).toBe('declining');
  });

  it('no_core_members: nobody who speaks regularly and is answered', () => {
    const a = assessGroup(steadyGroup({ structure: { coreMembers: 0, topSpeakerShare: 0.2, departedKols: [] } }));
    const r = reason(a, 'no_core_members')!;
    expect(r.evidence).toMatchObject({ coreMembers: 0, members: 100, activeMembers28d: 40 });
    expect(r.detail).toContain('100 members');
    expect(r.detail).toMatch(/^No core member \(/);
  });

  it('ads_dominate: more ads than conversation', () => {
    const a = assessGroup(steadyGroup({}, (d) => (d < 7 ? { humanMessages: 2, adMessages: 6 } : {})));
    const r = reason(a, 'ads_dominate')!;
    expect(r.evidence).toMatchObject({ adMessages7d: 42, messages7d: 14, adShare: 0.75 });
    expect(r.detail).toContain('42 ad messages');
  });

  it('red_packet_only: red packets and thank-yous replace conversation', () => {
    const a = assessGroup(steadyGroup({}, (d) => (d < 7 ? { humanMessages: 2, redPacketMessages: 2, redPacketReplies: 10 } : {})));
    const r = reason(a, 'red_packet_only')!;
    expect(r.evidence).toMatchObject({ redPackets7d: 14, redPacketReplies7d: 70, messages7d: 14 });
    expect(r.detail).toContain('14 red packets');
    expect(r.detail).toContain('70 replies');
  });

  it('newcomers_ignored: newcomers are not answered within 24 h', () => {
    const a = assessGroup(steadyGroup({}, (d) => (d >= 1 && d <= 10 ? { newcomers: 2, newcomersWelcomed: d === 1 ? 1 : 0, joins: 2 } : {})));
    const r = reason(a, 'newcomers_ignored')!;
    expect(r.evidence).toMatchObject({ newcomers28d: 20, welcomed28d: 1, welcomedShare: 0.05 });
    expect(r.detail).toContain('1 of 20');
  });

  it('members_leaving: more leave than join', () => {
    const a = assessGroup(steadyGroup({}, (d) => (d < 10 ? { leaves: 1 } : {})));
    const r = reason(a, 'members_leaving')!;
    expect(r.evidence).toMatchObject({ leaves28d: 10, joins28d: 0, leaveShare: 0.1 });
    expect(r.detail).toContain('10 left and 0 joined');
  });

  it('low_retention: newcomers do not stay or speak in their first week', () => {
    const a = assessGroup(steadyGroup({ retention: { memberships: 40, eligibleD7: 30, retainedD7: 2, eligibleD30: 10, retainedD30: 1, churned: 12, silentChurned: 5 } }));
    const r = reason(a, 'low_retention')!;
    expect(r.evidence).toMatchObject({ retainedD7: 2, eligibleD7: 30, silentChurned: 5, churned: 12 });
    expect(r.detail).toContain('2 of 30');
  });

  it('growing: more conversation and more speakers than before', () => {
    const a = assessGroup(steadyGroup({}, (d) => (d < 7 ? { humanMessages: 45, active7d: 32 } : {})));
    const r = reason(a, 'growing')!;
    expect(r.evidence).toMatchObject({ messages7d: 315, messageRatio: 1.5 });
    expect(a.status).toBe('thriving');
  });
});

describe('status', () => {
  it('a group younger than 14 days is new', () => {
    expect(assessGroup(steadyGroup({ createdAt: AS_OF - 10 * DAY_MS })).status).toBe('new');
  });

  it('a dead group still busy with ads is dead, with a score that says so', () => {
    const a = assessGroup(steadyGroup({ lastHumanMessageAt: AS_OF - 30 * DAY_MS }, (d) => (d < 30 ? { humanMessages: 0, speakers: 0, active7d: 0, adMessages: 20 } : {})));
    expect(a.status).toBe('dead');
    expect(a.healthScore).toBeLessThanOrEqual(5);
  });

  it('two structural problems without a fall in activity make a group declining', () => {
    const b = assessGroup(steadyGroup({ structure: { coreMembers: 0, topSpeakerShare: 0.2, departedKols: [] } }, (d) => (d < 10 ? { leaves: 1 } : {})));
    expect(b.status).toBe('declining');
  });
});

describe('staff talking to nobody', () => {
  it('staff_monologue: staff write most of the last 14 days while members barely answer, so the group is not alive', () => {
    const a = assessGroup(steadyGroup({}, (d) => (d < 14 ? { humanMessages: d % 7 === 0 ? 2 : 0, staffMessages: 20 } : {})));
    const r = a.reasons.find((x) => x.code === 'staff_monologue')!;
    expect(r.evidence).toEqual({ staffMessages14d: 280, memberMessages14d: 4, staffShare: 0.99 });
    expect(r.detail).toContain('280 staff messages against 4 messages from members');
    expect(a.status).toBe('dying');
  });

  it('staff answering members who talk is no monologue', () => {
    const a = assessGroup(steadyGroup({}, () => ({ staffMessages: 20 })));
    expect(a.reasons.map((x) => x.code)).not.toContain('staff_monologue');
    expect(['thriving', 'stable']).toContain(a.status);
  });
});

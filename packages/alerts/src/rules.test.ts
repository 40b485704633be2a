import { describe, expect, it } from 'vitest';
import { evaluateRules } from './rules.js';
import { alertText } from './messages/text.js';
import type { GroupFacts } from './types.js';

const calm: GroupFacts = {
  tenantId: 't1', platform: 'wecom', groupId: 'g1', groupName: 'Runners', purpose: 'interest', day: '2026-03-01',
  status: 'stable', previousStatus: 'stable', healthScore: 62, members: 120, activeMembers7d: 40, messages7d: 300,
  reasonCodes: [], reasonDetails: [], leaves7d: 2, leavesBaseline7d: 2, adMessages7d: 1, humanMessages7d: 300, adBaseline7d: 1,
  newcomers7d: 4, newcomersWelcomed7d: 3, departedKols: [], remainingKols: [{ memberId: 'm1', rank: 1, score: 0.9 }],
};

const rules = (f: Partial<GroupFacts>) => evaluateRules({ ...calm, ...f }).map((a) => a.rule).sort();

describe('evaluateRules', () => {
  it('raises nothing for a calm group', () => {
    expect(evaluateRules(calm)).toEqual([]);
  });

  it('fires group_dying only on the transition into dying', () => {
    expect(rules({ status: 'dying', previousStatus: 'declining' })).toEqual(['group_dying']);
    expect(rules({ status: 'dying', previousStatus: 'dying' })).toEqual([]);
  });

  it('fires group_died once and skips activity rules for a dead group', () => {
    expect(rules({ status: 'dead', previousStatus: 'dying', leaves7d: 30, leavesBaseline7d: 1 })).toEqual(['group_died']);
    expect(rules({ status: 'dead', previousStatus: 'dead' })).toEqual([]);
  });

  it('names the next most central members as hosts when a top KOL departs', () => {
    const [a] = evaluateRules({
      ...calm,
      departedKols: [{ memberId: 'kol-1', rank: 1, score: 0.95 }],
      remainingKols: [{ memberId: 'm2', rank: 2, score: 0.5 }, { memberId: 'm3', rank: 3, score: 0.4 }],
    });
    expect(a?.rule).toBe('kol_departed');
    expect(a?.severity).toBe('critical');
    expect(a?.suggestedHosts).toEqual(['m2', 'm3']);
    expect(a?.evidence.departed).toBe('kol-1');
  });

  it('ignores departures of members ranked below the KOL cut', () => {
    expect(rules({ departedKols: [{ memberId: 'x', rank: 9, score: 0.1 }] })).toEqual([]);
  });

  it('needs both a ratio and a floor for churn spikes and ad surges', () => {
    expect(rules({ leaves7d: 12, leavesBaseline7d: 3 })).toEqual(['churn_spike']);
    expect(rules({ leaves7d: 3, leavesBaseline7d: 0.5 })).toEqual([]);
    expect(rules({ adMessages7d: 80, humanMessages7d: 100, adBaseline7d: 5 })).toEqual(['ad_surge']);
    expect(rules({ adMessages7d: 80, humanMessages7d: 1000, adBaseline7d: 5 })).toEqual([]);
  });

  it('fires newcomers_ignored when few newcomers get a reply', () => {
    const [a] = evaluateRules({ ...calm, newcomers7d: 10, newcomersWelcomed7d: 1 });
    expect(a?.rule).toBe('newcomers_ignored');
    expect(a?.evidence.welcomed_share_7d).toBe(0.1);
  });

  it('gives the same alert id for the same rule, group and day', () => {
    const a = evaluateRules({ ...calm, status: 'dying' })[0]!;
    const b = evaluateRules({ ...calm, status: 'dying', healthScore: 10 })[0]!;
    const c = evaluateRules({ ...calm, status: 'dying', day: '2026-03-02' })[0]!;
    expect(a.alertId).toBe(b.alertId);
    expect(a.alertId).not.toBe(c.alertId);
  });

  it('fires sla_breached on the day a measured group breaks its service level, in Chinese and English', () => {
    const sla = { breached: true, breachedBefore: false, questions: 12, answered: 10, withinTarget: 6, overdue: 1, withinShare: 0.55, targetMinutes: 30, p50Minutes: 25, p90Minutes: 45 };
    expect(rules({ sla })).toEqual(['sla_breached']);
    expect(rules({ sla: { ...sla, breachedBefore: true } })).toEqual([]);
    expect(rules({ sla: { ...sla, breached: false } })).toEqual([]);
    const [a] = evaluateRules({ ...calm, sla });
    expect(a!.evidence).toMatchObject({ questions_7d: 12, in_time_share_7d: 0.55, sla_target_minutes: 30, overdue_7d: 1, p90_minutes: 45 });
    expect(alertText(a!, 'zh').detail).toBe('近7日成员提问 12 次,只有 55% 在 30 个工作分钟内得到员工回复;1 个仍超时未回复,响应P90为 45 分钟。');
    expect(alertText(a!, 'en').title).toBe('Response SLA broken');
    expect(alertText(a!, 'en').action).toMatch(/overdue questions/);
  });
});

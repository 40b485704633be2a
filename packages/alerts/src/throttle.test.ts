import { describe, expect, it } from 'vitest';
import { evaluateRules } from './rules.js';
import { RateLimiter, throttleAlerts } from './throttle.js';
import type { GroupFacts } from './types.js';

const facts: GroupFacts = {
  tenantId: 't1', platform: 'qq', groupId: 'g9', groupName: 'Deals', purpose: 'sales', day: '2026-03-01',
  status: 'dying', previousStatus: 'declining', healthScore: 12, members: 80, activeMembers7d: 3, messages7d: 9,
  reasonCodes: ['no_core'], reasonDetails: [], leaves7d: 0, leavesBaseline7d: 0, adMessages7d: 0, humanMessages7d: 9, adBaseline7d: 0,
  newcomers7d: 0, newcomersWelcomed7d: 0, departedKols: [], remainingKols: [],
};
const H = 3_600_000;

describe('throttleAlerts', () => {
  const [alert] = evaluateRules(facts);

  it('drops an alert already raised and repeats within the cooldown', () => {
    const now = Date.UTC(2026, 2, 1, 12);
    const first = throttleAlerts([alert!], [], now, 24);
    expect(first.raise).toHaveLength(1);
    const history = [{ ...alert!, createdAt: now }];
    expect(throttleAlerts([alert!], history, now + H, 24).suppressed[0]?.reason).toBe('already raised');
    const nextDay = evaluateRules({ ...facts, day: '2026-03-02', previousStatus: 'stable' })[0]!;
    expect(throttleAlerts([nextDay], history, now + 5 * H, 24).suppressed[0]?.reason).toMatch(/cooldown 24 h/);
    expect(throttleAlerts([nextDay], history, now + 25 * H, 24).raise).toEqual([nextDay]);
  });

  it('keeps one of two identical candidates in the same batch', () => {
    expect(throttleAlerts([alert!, alert!], [], 0, 24).raise).toHaveLength(1);
  });
});

describe('RateLimiter', () => {
  it('spreads a burst over the window instead of dropping it', () => {
    const rl = new RateLimiter();
    const waits = [0, 1, 2, 3].map((i) => rl.reserve('c', 2, 1000 + i));
    expect(waits).toEqual([0, 0, 60_000 - 2, 60_000 - 2]);
    expect(rl.reserve('other', 2, 1004)).toBe(0);
  });
});

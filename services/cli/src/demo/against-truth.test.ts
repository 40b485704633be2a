import { describe, expect, it } from 'vitest';
import type { GroundTruth, GroupTruth } from '@qunpulse/simulator';
import { renderAgainstTruth } from './against-truth.js';

const group = (groupId: string, status: GroupTruth['status'], kols: string[]): GroupTruth => ({
  tenantId: 'demo', platform: 'wecom', groupId, name: groupId, purpose: 'interest', archetype: 'x', status,
  createdAt: 0, kols, spammers: [], roles: {}, reasons: [],
});

describe('renderAgainstTruth', () => {
  it('counts matching verdicts, dead groups found and main KOLs found', () => {
    const truth: GroundTruth = {
      seed: 1, start: 0, end: 1, spammers: [],
      groups: [group('a', 'thriving', ['k1']), group('b', 'dead', []), group('c', 'dead', ['k3']), group('d', 'new', ['k4'])],
    };
    const text = renderAgainstTruth([
      { groupId: 'a', status: 'thriving', kols: [{ memberId: 'x' }, { memberId: 'k1' }] },
      { groupId: 'b', status: 'dead' },
      { groupId: 'c', status: 'dying', kols: [{ memberId: 'z' }] },
      { groupId: 'd', status: 'new', kols: [] },
    ], truth);
    expect(text).toContain('thriving 1, stable 0, declining 0, dying 0, dead 2, new 1');
    expect(text).toContain('match the truth for 3 of 4 groups; 1 of 2 dead groups were called dead');
    expect(text).toContain('among the top 3 KOLs found in 1 of 2 groups');
  });
});

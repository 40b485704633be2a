// Invitation trees with known answers: generations, viral coefficients, depth.
import { describe, expect, it } from 'vitest';
import { placeArrivals, summarizeFission, type Arrival } from './fission.js';
import { assessGroup } from './assess.js';
import { fissionReason } from './fission-reason.js';

const T0 = Date.UTC(2026, 2, 1);
const join = (memberId: string, hour: number, inviterId: string | null = null): Arrival => ({ memberId, joinedAt: T0 + hour * 3_600_000, inviterId });

// root r invites a, b; a invites c, d, e; b invites f; c invites g, h. Plus one member who came alone.
const TREE: Arrival[] = [
  join('r', 0), join('solo', 1), join('a', 2, 'r'), join('b', 3, 'r'), join('c', 4, 'a'), join('d', 5, 'a'), join('e', 6, 'a'),
  join('f', 7, 'b'), join('g', 8, 'c'), join('h', 9, 'c'),
];

describe('a three-generation invitation tree', () => {
  const placed = placeArrivals(TREE);
  const s = summarizeFission(placed.values());

  it('places every member in its generation under its root', () => {
    expect(placed.get('h')).toMatchObject({ generation: 3, rootId: 'r', inviterId: 'c' });
    expect(placed.get('f')).toMatchObject({ generation: 2, rootId: 'r' });
    expect(placed.get('solo')).toMatchObject({ generation: 0, rootId: 'solo' });
  });

  it('gives the viral coefficient of each generation: next generation per member', () => {
    expect(s.generations).toEqual([
      { generation: 0, members: 2, viralCoefficient: 1 }, // r and solo brought a and b
      { generation: 1, members: 2, viralCoefficient: 2 }, // a and b brought c, d, e, f
      { generation: 2, members: 4, viralCoefficient: 0.5 }, // c brought g and h
      { generation: 3, members: 2, viralCoefficient: null },
    ]);
    expect(s).toMatchObject({ invitations: 8, deepInvitations: 2, deepShare: 0.25, maxDepth: 3, trees: 1, largestTree: 9 });
  });

  it('places later arrivals under placements kept from before, and a member keeps their first place', () => {
    const kept = placeArrivals(TREE.slice(0, 6));
    const later = placeArrivals([...TREE.slice(6), join('i', 10, 'h'), join('a', 11, 'solo')], kept);
    expect(later.get('i')).toMatchObject({ generation: 4, rootId: 'r' });
    expect(later.get('a')).toMatchObject({ generation: 1, rootId: 'r', joinedAt: T0 + 2 * 3_600_000 });
  });

  it('an inviter without a recorded join is a root; self-invitations are no invitation', () => {
    const p = placeArrivals([join('x', 0, 'founder'), join('y', 1, 'y')]);
    expect(p.get('founder')).toMatchObject({ generation: 0, joined: false });
    expect(p.get('x')).toMatchObject({ generation: 1, rootId: 'founder' });
    expect(p.get('y')).toMatchObject({ generation: 0 });
  });
});

describe('depth of invitation in the health reasons', () => {
  const fission = (deepInvitations: number, invitations = 100) => ({ invitations, deepInvitations, deepShare: deepInvitations / invitations, maxDepth: deepInvitations ? 4 : 2 });
  const input = { groupId: 'g', asOf: T0, createdAt: T0 - 90 * 86_400_000, lastHumanMessageAt: T0, days: [] };
  it('explains an at-risk verdict with shallow invitations and a thriving one with deep invitations, never changing the verdict', () => {
    expect(fissionReason('dying', { ...input, fission: fission(1) })?.code).toBe('shallow_invitations');
    expect(fissionReason('thriving', { ...input, fission: fission(10) })?.code).toBe('deep_invitations');
    expect(fissionReason('stable', { ...input, fission: fission(1) })).toBeNull();
    expect(fissionReason('dying', { ...input, fission: fission(1, 10) })).toBeNull();
    const without = assessGroup(input);
    const withShallow = assessGroup({ ...input, fission: fission(1) });
    expect(withShallow.status).toBe(without.status);
    expect(withShallow.healthScore).toBe(without.healthScore);
  });
});

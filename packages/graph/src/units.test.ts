// The small pieces on hand-made inputs whose answers can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { DirectedGraph } from 'graphology';
import { analyzeGroup, topKols } from './analyze-group.js';
import { analyzeTenant } from './analyze-tenant.js';
import { buildInteractionGraph } from './build.js';
import { extractGroups, tenantActivity, type EventLike } from './extract.js';
import { isSpammer } from './spam.js';
import { absenceFactor, density, gini, reciprocity } from './structure.js';
import { decayFactor } from './weights.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

describe('decay and graph building', () => {
  it('halves an interaction per half-life and never boosts future-dated ones', () => {
    expect(decayFactor(30 * DAY, 30)).toBeCloseTo(0.5, 12);
    expect(decayFactor(90 * DAY, 30)).toBeCloseTo(0.125, 12);
    expect(decayFactor(-DAY, 30)).toBe(1);
    expect(() => decayFactor(DAY, 0)).toThrow(/halfLifeDays must be > 0/);
  });

  it('weighs each kind, sums per pair, drops self-loops, later events and decayed-out ties', () => {
    const g = buildInteractionGraph([
      { kind: 'reply', from: 'a', to: 'b', at: NOW },
      { kind: 'reaction', from: 'a', to: 'b', at: NOW - 30 * DAY },
      { kind: 'mention', from: 'b', to: 'a', at: NOW, count: 2 },
      { kind: 'reply', from: 'a', to: 'a', at: NOW },
      { kind: 'reply', from: 'c', to: 'a', at: NOW + DAY },
      { kind: 'reaction', from: 'd', to: 'a', at: NOW - 200 * DAY },
    ], ['e'], { asOf: NOW });
    expect(g.getDirectedEdgeAttributes('a', 'b')).toEqual({ weight: 3.5, count: 2 });
    expect(g.getDirectedEdgeAttributes('b', 'a')).toEqual({ weight: 4, count: 2 });
    expect(g.size).toBe(2);
    expect(g.nodes().sort()).toEqual(['a', 'b', 'e']);
  });

  it('rejects an unknown interaction kind by name', () => {
    expect(() => buildInteractionGraph([{ kind: 'poke' as never, from: 'a', to: 'b', at: NOW }], [], { asOf: NOW }))
      .toThrow(/interaction kind must be one of .* got poke/);
  });
});

describe('structure helpers', () => {
  it('computes Gini of equal, concentrated and textbook inputs', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 10])).toBeCloseTo(0.75, 12);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12);
    expect(gini([])).toBe(0);
  });

  it('counts the fewest members receiving half of all interaction', () => {
    expect(absenceFactor([60, 10, 10, 10, 10])).toBe(1);
    expect(absenceFactor([30, 30, 20, 20])).toBe(2);
    expect(absenceFactor([1, 1, 1, 1, 1, 1])).toBe(3);
    expect(absenceFactor([0, 0])).toBe(0);
  });

  it('measures reciprocity and density', () => {
    const g = new DirectedGraph();
    for (const n of ['a', 'b', 'c']) g.addNode(n);
    g.addDirectedEdge('a', 'b'); g.addDirectedEdge('b', 'a'); g.addDirectedEdge('b', 'c');
    expect(reciprocity(g)).toBeCloseTo(2 / 3, 12);
    expect(density(g)).toBeCloseTo(3 / 6, 12);
  });
});

describe('spam rule', () => {
  it('flags a heavy, ignored advertiser and spares the ignored but quiet, the answered and the plain chatter', () => {
    expect(isSpammer({ memberId: 's', messages: 40, adMessages: 40 }, 1)).toBe(true);
    expect(isSpammer({ memberId: 'q', messages: 9, adMessages: 9 }, 0)).toBe(false);
    expect(isSpammer({ memberId: 'k', messages: 40, adMessages: 40 }, 10)).toBe(false);
    expect(isSpammer({ memberId: 'c', messages: 40, adMessages: 2 }, 0)).toBe(false);
    expect(isSpammer({ memberId: 'x', messages: 40, adMessages: 0, groups: 3 }, 0)).toBe(true);
  });
});

describe('events to groups and ranks', () => {
  const ev = (e: Partial<EventLike> & Pick<EventLike, 'eventId' | 'type'>): EventLike => ({ groupId: 'g1', occurredAt: NOW - DAY, ...e });
  const events: EventLike[] = [
    ev({ eventId: 'q1', type: 'message', memberId: 'asker', message: { kind: 'text', text: 'how do I…' } }),
    // answer names only the question's id; its author is resolved
    ev({ eventId: 'a1', type: 'message', memberId: 'kol', message: { kind: 'text', replyTo: { eventId: 'q1' } } }),
    ev({ eventId: 'r1', type: 'reaction', memberId: 'other', reaction: { targetEventId: 'a1' } }),
    ev({ eventId: 't1', type: 'message', memberId: 'asker', message: { kind: 'text', replyTo: { eventId: 'a1', memberId: 'kol' }, mentions: ['kol', 'kol'] } }),
    ev({ eventId: 'j1', type: 'member_joined', memberId: 'other', join: { via: 'invite', inviterId: 'kol' } }),
    ev({ eventId: 'x1', type: 'message', memberId: 'asker', message: { kind: 'text', replyTo: { eventId: 'never-seen' } } }),
    ...Array.from({ length: 12 }, (_, i) => ev({ eventId: `ad${i}`, type: 'message', memberId: 'spam', message: { kind: 'text', text: 'buy now http://x.example' } })),
    ev({ eventId: 'w1', type: 'message', memberId: 'leaver', message: { kind: 'text', replyTo: { eventId: 'a1' } } }),
    ev({ eventId: 'w2', type: 'member_left', memberId: 'leaver', occurredAt: NOW - DAY / 2 }),
    ev({ eventId: 'b1', groupId: 'g2', type: 'message', memberId: 'kol', message: { kind: 'text' } }),
    ev({ eventId: 'b2', groupId: 'g2', type: 'message', memberId: 'n1', message: { kind: 'text', replyTo: { eventId: 'b1' } } }),
  ];
  const groups = extractGroups(events);

  it('resolves reply and reaction authors from event ids, dedupes mentions, keeps invites', () => {
    const g1 = groups.get('g1')!;
    const pairs = g1.interactions.map((r) => `${r.kind}:${r.from}>${r.to}`).sort();
    expect(pairs).toEqual(['invite:kol>other', 'mention:asker>kol', 'reaction:other>kol', 'reply:asker>kol', 'reply:kol>asker', 'reply:leaver>kol']);
    expect(g1.departed).toEqual(['leaver']);
    expect(g1.repliedMessages).toBe(2);
    expect(g1.activity.find((a) => a.memberId === 'spam')).toEqual({ memberId: 'spam', messages: 12, adMessages: 12 });
  });

  it('ranks the answerer first and never ranks the spammer', () => {
    const g1 = groups.get('g1')!;
    const analysis = analyzeGroup(g1, { asOf: NOW });
    expect(topKols(analysis.members, 1)[0]!.memberId).toBe('kol');
    expect(analysis.members.find((m) => m.memberId === 'spam')).toMatchObject({ isSpammer: true, rank: 0, score: 0 });
    expect(analysis.structure.absenceFactor).toBe(1);
    // the member who left is gone from the graph, with the reply they gave
    expect(analysis.members.map((m) => m.memberId)).not.toContain('leaver');
    expect(analysis.members.find((m) => m.memberId === 'kol')!.metrics.repliesReceived).toBe(1);
    // messages per present member: kol 1, asker 3, spam 12
    expect(analysis.structure.messageGini).toBeCloseTo(22 / 48, 12);
    // replied: q1 and a1 (a1 twice), of 17 messages including the leaver's
    expect(analysis.structure.repliedShare).toBeCloseTo(2 / 17, 12);
  });

  it('finds the member with ties in two groups as a bridge on the tenant graph', () => {
    const tenant = analyzeTenant({ interactions: [...groups.values()].flatMap((g) => g.interactions), activity: tenantActivity(groups.values()) }, { asOf: NOW });
    expect(tenant.bridges.map((b) => b.memberId)).toEqual(['kol']);
    expect(tenant.bridges[0]!.bridgeGroups).toBe(2);
    expect(tenant.spammers.map((s) => s.memberId)).toEqual(['spam']);
  });
});

describe('degenerate groups', () => {
  it('handles an empty group, a lone poster and a group of only a spammer without failing', () => {
    const empty = analyzeGroup({ interactions: [], activity: [] }, { asOf: NOW });
    expect(empty.members).toEqual([]);
    expect(empty.structure).toMatchObject({ nodes: 0, edges: 0, absenceFactor: 0, largestComponentShare: 0, survivalWithoutTop1: 0, kolCount: 0 });

    const lone = analyzeGroup({ interactions: [], activity: [{ memberId: 'a', messages: 3, adMessages: 0 }] }, { asOf: NOW });
    expect(lone.members).toMatchObject([{ memberId: 'a', rank: 1, isSpammer: false }]);
    expect(lone.structure).toMatchObject({ nodes: 1, largestComponentShare: 1, repliedShare: 0 });

    const spam = analyzeGroup({ interactions: [], activity: [{ memberId: 's', messages: 50, adMessages: 50 }] }, { asOf: NOW });
    expect(spam.members).toMatchObject([{ memberId: 's', rank: 0, score: 0, isSpammer: true }]);
    expect(topKols(spam.members, 10)).toEqual([]);
  });
});

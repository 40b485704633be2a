import { describe, expect, it } from 'vitest';
import { analyzeGroup } from './analyze-group.js';
import { isKnownBot } from './bots.js';
import type { InteractionRecord } from './types.js';
import { csrToGraph } from './csr-graphology.js';

describe('bots and listed accounts', () => {
  it('recognises service and bot names, not people whose names merely contain "bot"', () => {
    for (const name of ['ChanServ', 'NickServ', 'Notification Bot', "BRL-CAD's IRC Bot", 'mfbot', 'firebot', 'dependabot', 'GitHub', 'Zakim'])
      expect(isKnownBot(name), name).toBe(true);
    for (const name of ['Abbott', 'botond', 'robotics_fan', 'Sean', 'annevk'])
      expect(isKnownBot(name), name).toBe(false);
  });

  it('never ranks a relay bot or a listed staff account, however central, and keeps their ties in the graph', () => {
    const at = Date.UTC(2026, 0, 10);
    const interactions: InteractionRecord[] = [];
    // Everyone answers the relay bot and the staff member; carol answers alice.
    for (const from of ['alice', 'bob', 'carol', 'dave']) {
      interactions.push({ kind: 'reply', from, to: 'relay-bot', at }, { kind: 'reply', from, to: 'staff-1', at });
    }
    interactions.push({ kind: 'reply', from: 'carol', to: 'alice', at }, { kind: 'reply', from: 'bob', to: 'alice', at });
    const activity = ['alice', 'bob', 'carol', 'dave', 'relay-bot', 'staff-1'].map((memberId) => ({ memberId, messages: 5, adMessages: 0 }));
    const g = analyzeGroup({ interactions, activity }, { asOf: at, excluded: new Set(['staff-1']) });
    const byId = new Map(g.members.map((m) => [m.memberId, m]));
    expect(byId.get('relay-bot')).toMatchObject({ rank: 0, score: 0, excludedAs: 'bot', isSpammer: false });
    expect(byId.get('staff-1')).toMatchObject({ rank: 0, score: 0, excludedAs: 'listed' });
    expect(g.members[0]!.memberId).toBe('alice');
    expect(csrToGraph(g.graph).hasDirectedEdge('alice', 'relay-bot')).toBe(true);
  });
  it('never ranks an account that only posts automated notices, even when people thank it', () => {
    const at = Date.UTC(2026, 0, 10);
    const interactions: InteractionRecord[] = [];
    // The commit feed is answered by everyone; alice answers bob and carol; bob answers alice.
    for (const from of ['alice', 'bob', 'carol', 'dave']) interactions.push({ kind: 'reply', from, to: 'commit-feed', at, count: 3 });
    interactions.push({ kind: 'reply', from: 'alice', to: 'bob', at }, { kind: 'reply', from: 'alice', to: 'carol', at }, { kind: 'reply', from: 'bob', to: 'alice', at });
    const people = ['alice', 'bob', 'carol', 'dave'].map((memberId) => ({ memberId, messages: 30, adMessages: 3 }));
    const feed = { memberId: 'commit-feed', messages: 200, adMessages: 195 };
    const g = analyzeGroup({ interactions, activity: [...people, feed] }, { asOf: at });
    const byId = new Map(g.members.map((m) => [m.memberId, m]));
    expect(byId.get('commit-feed')).toMatchObject({ rank: 0, excludedAs: 'bot', isSpammer: false });
    // The same account once it takes part in the conversation is a member like any other.
    const talking = analyzeGroup({ interactions: [...interactions, { kind: 'reply', from: 'commit-feed', to: 'alice', at }], activity: [...people, feed] }, { asOf: at });
    expect(talking.members.find((m) => m.memberId === 'commit-feed')).toMatchObject({ rank: 1 });
    // A human who mostly shares links but fewer than the minimum stays ranked.
    const few = analyzeGroup({ interactions, activity: [...people, { memberId: 'commit-feed', messages: 19, adMessages: 19 }] }, { asOf: at });
    expect(few.members.find((m) => m.memberId === 'commit-feed')!.rank).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { validateChatEvent, type ChatEventInput } from '@qunpulse/contracts';
import { Simulation, simulate, SimulationOptionsError } from './simulate.js';
import type { GroundTruth } from './truth.js';

const DAY = 86_400_000;
const { events, truth } = simulate({ groups: 60, days: 112, seed: 7 });

type Msg = Extract<ChatEventInput, { type: 'message' }>;
const messages = events.filter((e): e is Msg => e.type === 'message');
const isAd = (e: Msg) => truth.spammers.includes(e.memberId) && e.message!.kind !== 'system';
const isHuman = (e: Msg) => !isAd(e) && e.message!.kind !== 'system';
const at = (e: ChatEventInput) => e.occurredAt as number;

function authorsById(): Map<string, string> {
  const authors = new Map<string, string>();
  for (const e of messages) authors.set(`${e.groupId}/${e.eventId}`, e.memberId);
  return authors;
}

describe('simulate', () => {
  it('gives byte-identical output for the same seed and different output for another', () => {
    const a = simulate({ groups: 20, days: 40, seed: 11 });
    const b = simulate({ groups: 20, days: 40, seed: 11 });
    const c = simulate({ groups: 20, days: 40, seed: 12 });
    const bytes = (r: { events: ChatEventInput[]; truth: GroundTruth }) => r.events.map((e) => JSON.stringify(e)).join('\n') + JSON.stringify(r.truth);
    expect(bytes(a)).toBe(bytes(b));
    expect(bytes(a)).not.toBe(bytes(c));
  });

  it('streams the same events day by day as it returns in memory', () => {
    const sim = new Simulation({ groups: 20, days: 40, seed: 11 });
    const streamed: ChatEventInput[] = [];
    for (const day of sim.eachDay()) streamed.push(...day);
    expect(streamed).toEqual(simulate({ groups: 20, days: 40, seed: 11 }).events);
  });

  it('emits only valid chat-event/v1 records, ordered in time, with unique ids per group', () => {
    const now = truth.end + DAY;
    const invalid = events.map((e) => validateChatEvent(e, now)).filter((r) => !r.ok);
    expect(invalid).toEqual([]);
    const backwards = events.filter((e, i) => i > 0 && at(e) < at(events[i - 1]!));
    expect(backwards).toEqual([]);
    const ids = new Set(events.map((e) => `${e.tenantId}/${e.platform}/${e.groupId}/${e.eventId}`));
    expect(ids.size).toBe(events.length);
    expect(events.length).toBeGreaterThan(100_000);
    expect(events.length).toBeLessThan(800_000);
  });

  it('points replies and reactions at earlier messages of the same group, sometimes by id only', () => {
    const seen = new Map<string, string>();
    let replies = 0;
    let idOnly = 0;
    const problems: string[] = [];
    for (const e of events) {
      if (e.type === 'message') {
        const r = e.message!.replyTo;
        if (r) {
          replies++;
          const author = seen.get(`${e.groupId}/${r.eventId}`);
          if (!author) problems.push(`${e.eventId} replies to an unseen message`);
          if (r.memberId && r.memberId !== author) problems.push(`${e.eventId} names the wrong author`);
          if (!r.memberId) idOnly++;
        }
        seen.set(`${e.groupId}/${e.eventId}`, e.memberId);
      } else if (e.type === 'reaction') {
        const author = seen.get(`${e.groupId}/${e.reaction!.targetEventId}`);
        if (!author) problems.push(`${e.eventId} reacts to an unseen message`);
        if (e.reaction!.targetMemberId && e.reaction!.targetMemberId !== author) problems.push(`${e.eventId} names the wrong author`);
      }
    }
    expect(problems).toEqual([]);
    expect(replies / messages.length).toBeGreaterThan(0.1);
    expect(idOnly / replies).toBeGreaterThan(0.1);
    expect(idOnly / replies).toBeLessThan(0.35);
  });

  it('has every member speak only while in the group', () => {
    const joined = new Map<string, number>();
    const left = new Map<string, number>();
    const problems: string[] = [];
    for (const e of events) {
      const key = `${e.groupId}/${e.memberId}`;
      if (e.type === 'member_joined') { joined.set(key, at(e)); left.delete(key); }
      else if (e.type === 'member_left') left.set(key, at(e));
      else if (e.type === 'message' || e.type === 'reaction') {
        if (!(joined.get(key)! <= at(e))) problems.push(`${key} acts before joining`);
        if (left.has(key)) problems.push(`${key} acts after leaving`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps dead groups silent for their last 14 days while ads still arrive', () => {
    const dead = truth.groups.filter((g) => g.status === 'dead');
    expect(dead.length).toBeGreaterThanOrEqual(10);
    const since = truth.end - 14 * DAY;
    for (const g of dead) {
      const late = messages.filter((e) => e.groupId === g.groupId && at(e) >= since);
      expect(late.filter(isHuman), g.groupId).toEqual([]);
      expect(late.filter(isAd).length, g.groupId).toBeGreaterThan(0);
      expect(late.filter(isAd).every((e) => e.message!.hasLink && e.message!.textHash)).toBe(true);
      expect(g.lastHumanMessageAt).toBeLessThan(since);
    }
    for (const g of truth.groups.filter((x) => x.status === 'thriving' || x.status === 'stable')) {
      expect(messages.some((e) => e.groupId === g.groupId && at(e) >= since && isHuman(e)), g.groupId).toBe(true);
    }
  });

  it('makes spammers out-post KOLs while hardly anyone replies to them', () => {
    const authors = authorsById();
    const sent = new Map<string, number>();
    const received = new Map<string, number>();
    for (const e of messages) {
      sent.set(e.memberId, (sent.get(e.memberId) ?? 0) + 1);
      const r = e.message!.replyTo;
      if (r) {
        const to = authors.get(`${e.groupId}/${r.eventId}`)!;
        received.set(to, (received.get(to) ?? 0) + 1);
      }
    }
    const kols = truth.groups.flatMap((g) => g.kols);
    const sum = (ids: string[], m: Map<string, number>) => ids.reduce((s, id) => s + (m.get(id) ?? 0), 0);
    const mean = (ids: string[], m: Map<string, number>) => sum(ids, m) / ids.length;
    expect(kols.length).toBeGreaterThan(20);
    expect(mean(truth.spammers, sent)).toBeGreaterThan(mean(kols, sent));
    expect(Math.min(...truth.spammers.map((s) => sent.get(s) ?? 0))).toBeGreaterThan(2 * [...kols.map((k) => sent.get(k) ?? 0)].sort((a, b) => a - b)[kols.length >> 1]!);
    expect(sum(truth.spammers, received) / sum(truth.spammers, sent)).toBeLessThan(0.01);
    expect(sum(kols, received) / sum(kols, sent)).toBeGreaterThan(0.3);
    // The same ad text reaches many groups.
    const groupsPerHash = new Map<string, Set<string>>();
    for (const e of messages.filter(isAd)) {
      const h = e.message!.textHash!;
      if (!groupsPerHash.has(h)) groupsPerHash.set(h, new Set());
      groupsPerHash.get(h)!.add(e.groupId);
    }
    expect(Math.max(...[...groupsPerHash.values()].map((s) => s.size))).toBeGreaterThanOrEqual(5);
  });

  it('grows thriving groups by invitation chains at least three deep', () => {
    const thriving = truth.groups.filter((g) => g.status === 'thriving');
    expect(thriving.length).toBeGreaterThanOrEqual(5);
    for (const g of thriving) {
      const depth = new Map<string, number>();
      let deepest = 0;
      for (const e of events) {
        if (e.groupId !== g.groupId || e.type !== 'member_joined') continue;
        const inviter = e.join?.via === 'invite' ? e.join.inviterId : undefined;
        const d = inviter ? (depth.get(inviter) ?? 0) + 1 : 0;
        depth.set(e.memberId, d);
        deepest = Math.max(deepest, d);
      }
      expect(deepest, g.groupId).toBeGreaterThanOrEqual(3);
    }
  });

  it('records KOL departures that precede collapse, red-packet thanks and new groups truthfully', () => {
    const collapsed = truth.groups.filter((g) => g.archetype === 'kol_collapse');
    expect(collapsed.length).toBeGreaterThan(0);
    for (const g of collapsed) {
      const exit = events.find((e) => e.groupId === g.groupId && e.type === 'member_left' && e.memberId === g.kols[0]);
      expect(exit && at(exit)).toBe(g.kolDepartedAt);
      expect(['dead', 'dying']).toContain(g.status);
      expect(g.lastHumanMessageAt).toBeGreaterThan(g.kolDepartedAt!);
    }
    const packets = messages.filter((e) => e.message!.kind === 'red_packet');
    expect(packets.length).toBeGreaterThan(100);
    const thanks = messages.filter((e) => e.message!.kind === 'text' && e.message!.textHash && !isAd(e));
    expect(thanks.length).toBeGreaterThan(packets.length * 2);
    for (const g of truth.groups) {
      expect(g.status === 'new').toBe(g.createdAt > truth.end - 14 * DAY);
      expect(Object.values(g.roles).filter((r) => r === 'owner')).toHaveLength(1);
      for (const k of g.kols) expect(g.roles[k]).toBe('kol');
    }
  });

  it('has bridges: members of one group who also reply in another group of the same platform', () => {
    expect(truth.bridges.length).toBeGreaterThan(0);
    for (const member of truth.bridges) {
      const groups = [...new Set(messages.filter((e) => e.memberId === member).map((e) => `${e.platform}/${e.groupId}`))];
      expect(groups.length, member).toBeGreaterThanOrEqual(2);
      expect(new Set(groups.map((g) => g.split('/')[0])).size).toBe(1);
      const repliesAway = messages.filter((e) => e.memberId === member && e.message!.replyTo
        && truth.groups.find((g) => g.groupId === e.groupId)!.roles[member] === 'regular');
      expect(repliesAway.length, member).toBeGreaterThan(20);
    }
  });

  it('names the field of a bad option', () => {
    expect(() => simulate({ groups: 0, days: 10, seed: 1 })).toThrow(SimulationOptionsError);
    expect(() => simulate({ groups: 2, days: 1.5, seed: 1 })).toThrow(/days must be a whole number/);
    expect(() => new Simulation({ groups: 2, days: 3, seed: 1, platformMix: { wecom: -1 } })).toThrow(/platformMix.wecom/);
  });
});

// Member segments on known histories: each rule fires on the member it names.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_RULES, memberSegment, validateSegmentRules, type MemberSegmentInput } from './segments.js';
import { AS_OF } from './test-series.js';
import { DAY_MS } from './windows.js';

/**
 * The rule's inputs from a member's messages per day (index 0 = the as-of day, 1 = the day before…),
 * counted the way the warehouse counts them; answered by `repliers` others.
 */
function fromDaily(perDay: (daysAgo: number) => number, over: Partial<MemberSegmentInput> = {}, repliers = 3): MemberSegmentInput {
  const sum = (from: number, to: number) => { let s = 0; for (let d = from; d < to; d++) s += perDay(d); return s; };
  const days = (from: number, to: number) => { let s = 0; for (let d = from; d < to; d++) if (perDay(d) > 0) s += 1; return s; };
  let last: number | null = null;
  for (let d = 0; d < 90; d++) if (perDay(d) > 0) { last = AS_OF - d * DAY_MS; break; }
  return {
    role: null, firstSeenAt: AS_OF - 200 * DAY_MS, left: false, lastSpokeAt: last,
    messages14d: sum(0, 14), messages28d: sum(0, 28), messagesPrior28d: sum(28, 56), days28d: days(0, 28), daysPrior28d: days(28, 56),
    repliers28d: repliers, kolRank: 0, ...over,
  };
}

/** 10 messages a day until four weeks ago, then falling in a straight line to `endShare` of that today. */
const falling = (endShare: number) => (daysAgo: number) => (daysAgo >= 28 ? 10 : Math.round(10 * (endShare + (1 - endShare) * (daysAgo / 28))));

describe('member segments', () => {
  it('a member whose activity falls by 80% over four weeks is fading, though still speaking every day', () => {
    const m = fromDaily(falling(0.2));
    expect(m.days28d).toBe(28);
    expect(memberSegment(m, AS_OF)).toBe('fading');
  });

  it('a steady member answered by several others is core; a 20% dip is not fading', () => {
    expect(memberSegment(fromDaily(() => 10), AS_OF)).toBe('core');
    expect(memberSegment(fromDaily(falling(0.8)), AS_OF)).toBe('core');
  });

  it('regular, lurker, newcomer and kol', () => {
    expect(memberSegment(fromDaily((d) => (d % 7 === 0 ? 2 : 0), {}, 0), AS_OF)).toBe('regular');
    expect(memberSegment(fromDaily((d) => (d === 20 ? 1 : 0), {}, 0), AS_OF)).toBe('lurker');
    expect(memberSegment(fromDaily(() => 0), AS_OF)).toBe('lurker');
    expect(memberSegment(fromDaily(() => 0, { firstSeenAt: AS_OF - 3 * DAY_MS }), AS_OF)).toBe('newcomer');
    expect(memberSegment(fromDaily(() => 10, { kolRank: 2 }), AS_OF)).toBe('kol');
    expect(memberSegment(fromDaily(() => 10, { kolRank: 4 }), AS_OF)).toBe('core');
    // Ranked on the snapshot but silent for longer than the rules read (a dead group's last voices).
    expect(memberSegment(fromDaily(() => 0, { kolRank: 1 }), AS_OF)).toBe('lurker');
  });

  it('churned: left, or silent for the configured time after speaking', () => {
    expect(memberSegment(fromDaily(() => 10, { left: true }), AS_OF)).toBe('churned');
    const silent40 = fromDaily((d) => (d >= 40 ? 5 : 0));
    expect(memberSegment(silent40, AS_OF)).toBe('churned');
    expect(memberSegment(silent40, AS_OF, { ...DEFAULT_SEGMENT_RULES, churnSilentDays: 45 })).toBe('fading');
  });

  it('staff and bots are apart whatever they do', () => {
    expect(memberSegment(fromDaily(() => 10, { role: 'staff', kolRank: 1 }), AS_OF)).toBe('staff');
    expect(memberSegment(fromDaily(() => 10, { role: 'bot', left: true }), AS_OF)).toBe('bot');
  });

  it('refuses rules out of range, naming the field', () => {
    expect(() => validateSegmentRules({ ...DEFAULT_SEGMENT_RULES, churnSilentDays: 120 })).toThrow(/churnSilentDays must be a whole number from 7 to 89, got 120/);
    expect(() => validateSegmentRules({ ...DEFAULT_SEGMENT_RULES, fadingRatio: 1.5 })).toThrow(/fadingRatio/);
  });
});

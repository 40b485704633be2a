// The compiled fast path of chat-event/v1 against zod itself, on the simulator's events and on
// seeded mutations of them: whatever the fast path accepts, zod accepts with the same output, and
// every event zod accepts the fast path accepts too (so valid traffic never pays for zod).
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { chatEventSchema, decodeChatEvent, validateChatEvent } from '@qunpulse/contracts';
import { compile, UNSURE, UnsupportedSchema } from '../packages/contracts/src/compiled-schema.js';
import { DAY_MS, Simulation } from '@qunpulse/simulator';

const fast = compile(chatEventSchema);
const NOW = Date.UTC(2026, 5, 1);

function simulated(n: number): Record<string, unknown>[] {
  const sim = new Simulation({ groups: 4, days: 20, seed: 7, start: NOW - 30 * DAY_MS, tenantId: 'fast-path' });
  const out: Record<string, unknown>[] = [];
  for (const day of sim.eachDay()) {
    for (const e of day) {
      // What a consumer sees: the event after a JSON round trip.
      out.push(JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
      if (out.length >= n) return out;
    }
  }
  return out;
}

const weird = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.constant(''), fc.constant('x'.repeat(300)), fc.constant('\ud800'),
  fc.integer(), fc.double(), fc.constant(Number.NaN), fc.constant(Infinity), fc.constant(2 ** 53), fc.constant(-1),
  fc.boolean(), fc.constant([]), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }), fc.constant({}),
  fc.constantFrom('message', 'member_joined', 'reaction', 'group_created', 'telegram', 'text', 'invite', 'quit', 'sales'),
  fc.constantFrom('2026-03-01T08:00:00+08:00', '2026-02-31T08:00:00Z', '2026-03-01T08:00:00', '1999-12-31T23:59:59Z'),
  fc.string({ maxLength: 8 }),
);

/** Every path to a value inside an event, objects and arrays included. */
function paths(v: unknown, prefix: string[] = []): string[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys = Array.isArray(v) ? v.map((_, i) => String(i)) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => paths((v as Record<string, unknown>)[k], [...prefix, k]))];
}

function mutate(event: Record<string, unknown>, path: string[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(event) as Record<string, unknown>;
  if (path.length === 0) return value;
  let node = copy as Record<string, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** Whether an object anywhere in `v` holds a key set to undefined (never the case after JSON.parse). */
function holdsUndefined(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  return Object.values(v).some((x) => x === undefined || holdsUndefined(x));
}

/** Whether zod accepted the value (both verdicts are asserted to agree). */
function agree(value: unknown): boolean {
  const z = chatEventSchema.safeParse(value);
  const f = fast(value);
  if (z.success) {
    if (f === UNSURE && holdsUndefined(value)) return true;
    expect(f).toStrictEqual(z.data);
  } else {
    expect(f).toBe(UNSURE);
  }
  return z.success;
}

describe('chat-event/v1 compiled from its zod schema', () => {
  const events = simulated(400);

  it('accepts every simulated event with exactly zod\'s output', () => {
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThanOrEqual(4);
    for (const e of events) {
      const f = fast(e);
      expect(f).not.toBe(UNSURE);
      expect(f).toStrictEqual(chatEventSchema.parse(e));
    }
  });

  it('agrees with zod on 5,000 seeded mutations (fields removed, replaced, added)', () => {
    const cases = fc.sample(fc.record({
      event: fc.constantFrom(...events), pick: fc.nat(), value: weird, remove: fc.boolean(), extra: fc.boolean(),
    }), { numRuns: 5_000, seed: 20261201 });
    let valid = 0;
    for (const c of cases) {
      const ps = paths(c.event);
      const p = ps[c.pick % ps.length]!;
      let v = mutate(c.event, p, c.value, c.remove && p.length > 0);
      if (c.extra && v && typeof v === 'object' && !Array.isArray(v)) v = { ...(v as object), unknownField: c.value };
      if (agree(v)) valid++;
    }
    // Both verdicts occur often enough for the agreement to mean something.
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(4_500);
  });

  it('leaves explicit undefined keys and everything invalid to zod, which names the field', () => {
    const e = events.find((x) => x.type === 'message')!;
    expect(fast({ ...e, memberId: undefined })).toBe(UNSURE);
    const r = validateChatEvent({ ...e, message: { ...(e.message as object), length: -3 } }, NOW);
    expect(r).toEqual({ ok: false, field: 'message.length', reason: 'message.length must be ≥ 0' });
    const bytes = new TextEncoder().encode(JSON.stringify({ ...e, groupId: 'g'.repeat(257) }));
    expect(decodeChatEvent(bytes, NOW)).toEqual({ ok: false, field: 'groupId', reason: 'groupId must be at most 256 characters' });
  });

  it('declines a schema with a construct it does not know, naming it', () => {
    expect(() => compile(z.object({ at: z.date() }))).toThrow(new UnsupportedSchema('zod type date'));
    expect(() => compile(z.string().email())).toThrow(new UnsupportedSchema('string format email'));
  });

  it('checks a pattern as zod does, and leaves what does not match to zod', () => {
    const hex = compile(z.string().regex(/^[0-9a-f]{4}$/));
    expect(hex('00af')).toBe('00af');
    expect(hex('00AF')).toBe(UNSURE);
    const hash = 'a'.repeat(64);
    const e = { eventId: 'e1', tenantId: 't', platform: 'wecom', groupId: 'g', type: 'message', memberId: 'm', occurredAt: NOW - 1000, message: { kind: 'text' } };
    expect(validateChatEvent({ ...e, identity: { verifiedEmailHash: hash } }, NOW)).toMatchObject({ ok: true });
    expect(validateChatEvent({ ...e, identity: { verifiedEmailHash: 'A'.repeat(64) } }, NOW)).toMatchObject({ ok: false, field: 'identity.verifiedEmailHash' });
  });
});

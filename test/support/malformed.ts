// Generators of malformed requests to POST /v1/events, each with what the API must answer: the status
// class and, where it is known in advance, the field it must name. Built on fast-check and seeded by
// the caller, so a failure names a request that can be generated again.
import fc from 'fast-check';
import { EVENT_TYPES, MESSAGE_KINDS, PLATFORMS } from '@qunpulse/contracts';

export interface MalformedRequest {
  what: string;
  contentType: string | undefined;
  /** Bearer token to send; undefined sends none. */
  token: 'valid' | 'unknown' | 'none';
  body: string | Uint8Array;
  status: number;
  /** The field the answer must name (the per-event `field`, or the prefix of `error`). */
  field: string;
}

const NOW = Date.now();

const validEvent = fc.record({
  eventId: fc.stringMatching(/^[a-z0-9-]{1,24}$/),
  groupId: fc.stringMatching(/^[a-z0-9-]{1,16}$/),
  memberId: fc.stringMatching(/^[a-z0-9-]{1,16}$/),
  occurredAt: fc.integer({ min: NOW - 365 * 86_400_000, max: NOW }),
  text: fc.string({ maxLength: 40 }),
}).map((r) => ({
  eventId: r.eventId, type: 'message', platform: 'telegram', groupId: r.groupId, memberId: r.memberId,
  occurredAt: r.occurredAt, message: { kind: 'text', text: r.text },
}));

const loneSurrogate = fc.tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff })).map(([s, c]) => s + String.fromCharCode(c));
const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 2 }), fc.constant({}));
const badId = fc.oneof(loneSurrogate, notAString, fc.constant(''), fc.constant('x'.repeat(257)));
const notIn = (values: readonly string[]) => fc.string({ maxLength: 12 }).filter((s) => !values.includes(s));
const impossibleDate = fc.tuple(fc.integer({ min: 2001, max: 2025 }), fc.constantFrom('02-30', '02-31', '04-31', '06-31', '09-31', '11-31', '13-01', '00-10', '01-00', '01-32'))
  .map(([y, md]) => `${y}-${md}T08:00:00+08:00`);
const badTime = fc.oneof(
  impossibleDate,
  fc.constantFrom('2026-03-01T24:00:00Z', '2026-03-01T08:60:00Z', '2026-03-01T08:00:61Z', '2026-03-01T08:00:00+25:00', '2026-03-01 08:00', 'yesterday', ''),
  fc.integer({ min: 0, max: Date.UTC(1999, 11, 31) }),
  fc.integer({ min: NOW + 2 * 86_400_000, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
  notAString.filter((v) => typeof v !== 'number'),
);
const badLength = fc.oneof(
  fc.integer({ min: 2 ** 32, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -1 }),
  fc.double({ min: 0.1, max: 1e6, noInteger: true, noNaN: true }), fc.constantFrom('5', null, true, 1e300),
);

type Event = Record<string, unknown> & { message: Record<string, unknown> };
type Mutation = [field: string, apply: (e: Event, bad: unknown) => void, bad: fc.Arbitrary<unknown>];

const MUTATIONS: Mutation[] = [
  ['eventId', (e, v) => { e.eventId = v; }, badId],
  ['groupId', (e, v) => { e.groupId = v; }, badId],
  ['memberId', (e, v) => { e.memberId = v; }, badId],
  ['platform', (e, v) => { e.platform = v; }, notIn(PLATFORMS)],
  ['type', (e, v) => { e.type = v; }, notIn(EVENT_TYPES)],
  ['occurredAt', (e, v) => { e.occurredAt = v; }, badTime],
  ['message.kind', (e, v) => { e.message.kind = v; }, notIn(MESSAGE_KINDS)],
  ['message.length', (e, v) => { e.message.length = v; }, badLength],
  ['message.text', (e, v) => { e.message.text = v; }, fc.oneof(loneSurrogate, fc.integer())],
  ['message.mentions.1', (e, v) => { e.message.mentions = ['ok', v]; }, badId],
  ['message.replyTo.eventId', (e, v) => { e.message.replyTo = { eventId: v }; }, badId],
];

/** One valid event with exactly one field made invalid. */
const oneBadField: fc.Arbitrary<MalformedRequest> = fc.tuple(validEvent, fc.integer({ min: 0, max: MUTATIONS.length - 1 }), fc.boolean())
  .chain(([event, m, ndjson]) => MUTATIONS[m]![2].map((bad) => {
    const [field, apply] = MUTATIONS[m]!;
    const e = structuredClone(event) as Event;
    apply(e, bad);
    const body = JSON.stringify(e);
    return { what: `bad ${field}`, contentType: ndjson ? 'application/x-ndjson' : 'application/json', token: 'valid' as const, body, status: 400, field };
  }));

const unreadable: fc.Arbitrary<MalformedRequest> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Uint8Array.from([0x5b, 0xff, ...b])),
).map((body) => ({ what: 'unreadable body', contentType: 'application/json', token: 'valid' as const, body, status: 400, field: '(body)' }));

const tooDeep: fc.Arbitrary<MalformedRequest> = fc.tuple(fc.integer({ min: 65, max: 6_000 }), fc.boolean()).map(([depth, array]) => ({
  what: `nested ${depth} deep`, contentType: 'application/json', token: 'valid' as const, status: 400, field: '(body)',
  body: array ? '['.repeat(depth) + ']'.repeat(depth) : `{"eventId":"x","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
}));

const deepLine: fc.Arbitrary<MalformedRequest> = fc.integer({ min: 65, max: 6_000 }).map((depth) => ({
  what: `NDJSON line nested ${depth} deep`, contentType: 'application/x-ndjson', token: 'valid' as const, status: 400, field: '(record)',
  body: `{"eventId":"x","deep":${'['.repeat(depth)}${']'.repeat(depth)}}\n`,
}));

const notObjects: fc.Arbitrary<MalformedRequest> = fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null), fc.array(fc.nat(), { maxLength: 2 })), { minLength: 1, maxLength: 5 })
  .map((items) => ({ what: 'array of non-objects', contentType: 'application/json', token: 'valid' as const, body: JSON.stringify(items), status: 400, field: '(record)' }));

const wrongMediaType: fc.Arbitrary<MalformedRequest> = fc.tuple(validEvent, fc.constantFrom(
  'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/xml', 'text/xml', 'application/json; charset=iso-8859-1', undefined,
)).map(([event, contentType]) => ({ what: `sent as ${contentType ?? 'no Content-Type'}`, contentType, token: 'valid' as const, body: JSON.stringify(event), status: 415, field: 'Content-Type' }));

const badAuth: fc.Arbitrary<MalformedRequest> = fc.tuple(validEvent, fc.constantFrom('unknown' as const, 'none' as const))
  .map(([event, token]) => ({ what: `token ${token}`, contentType: 'application/json', token, body: JSON.stringify(event), status: 401, field: 'Authorization' }));

export const malformedRequest: fc.Arbitrary<MalformedRequest> = fc.oneof(
  { arbitrary: oneBadField, weight: 10 },
  { arbitrary: unreadable, weight: 2 },
  { arbitrary: tooDeep, weight: 1 },
  { arbitrary: deepLine, weight: 1 },
  { arbitrary: notObjects, weight: 1 },
  { arbitrary: wrongMediaType, weight: 2 },
  { arbitrary: badAuth, weight: 1 },
);

export function sampleMalformed(count: number, seed: number): MalformedRequest[] {
  return fc.sample(malformedRequest, { numRuns: count, seed });
}

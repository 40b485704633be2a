// One place that turns bytes or values into a ChatEvent or a readable reason.
import type { z } from 'zod';
import { chatEventSchema, LIMITS, type ChatEvent } from './chat-event.js';
import { compile, UNSURE } from './compiled-schema.js';
import { readJson } from './json.js';

/**
 * The contract compiled once: a valid event (nearly every event) costs about a third of zod's parse.
 * Whatever the fast path is not sure of, zod decides and words.
 */
const fastChatEvent = compile(chatEventSchema);

export type Validation =
  | { ok: true; event: ChatEvent }
  | { ok: false; reason: string; field: string };

/** A value read against a contract's schema, or the field and the reason it is not one. */
export type Decoded<T> =
  | { ok: true; value: T }
  | { ok: false; reason: string; field: string };

function describe(issue: z.core.$ZodIssue): { field: string; reason: string } {
  const field = issue.path.length ? issue.path.map(String).join('.') : '(record)';
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    return { field: 'type', reason: issue.message };
  }
  const reason = issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
  return { field, reason };
}

/** Validates a decoded value against any zod schema; the first problem names its field. */
export function validateWith<T>(schema: z.ZodType<T>, value: unknown): Decoded<T> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, field: '(record)', reason: '(record): expected a JSON object' };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, ...describe(parsed.error.issues[0]!) };
  return { ok: true, value: parsed.data };
}

/** UTF-8 JSON bytes validated against any zod schema; unreadable bytes are a reason on `(record)`. */
export function decodeWith<T>(schema: z.ZodType<T>, bytes: Uint8Array): Decoded<T> {
  const read = readJson(bytes);
  if (!read.ok) return { ok: false, field: '(record)', reason: `(record): ${read.reason}` };
  return validateWith(schema, read.value);
}

/**
 * Validates a decoded value against chat-event/v1. `now` bounds how far in the future occurredAt
 * may be; it is passed in so that replays and tests decide what "now" is.
 */
export function validateChatEvent(value: unknown, now: number = Date.now()): Validation {
  let event = fastChatEvent(value) as ChatEvent | typeof UNSURE;
  if (event === UNSURE) {
    const parsed = validateWith(chatEventSchema, value);
    if (!parsed.ok) return parsed;
    event = parsed.value;
  }
  if (event.occurredAt > now + LIMITS.maxFutureSkewMs) {
    return { ok: false, field: 'occurredAt', reason: 'occurredAt: more than 24 h in the future' };
  }
  return { ok: true, event };
}

/** Decodes UTF-8 JSON bytes and validates them; invalid UTF-8, malformed or too deeply nested JSON are reasons too. */
export function decodeChatEvent(bytes: Uint8Array, now: number = Date.now()): Validation {
  const read = readJson(bytes);
  if (!read.ok) return { ok: false, field: '(record)', reason: `(record): ${read.reason}` };
  return validateChatEvent(read.value, now);
}

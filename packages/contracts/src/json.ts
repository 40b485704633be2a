// Reading untrusted JSON bytes. The nesting depth is measured on the bytes before JSON.parse runs,
// so no deeply nested value ever exists in memory for a recursive walker (validation, stringify
// while writing a dead letter) to overflow the stack on.
import { LIMITS } from './chat-event.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** Whether objects and arrays in `bytes` nest deeper than `max`; strings are skipped, not counted. */
export function jsonNestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

export type JsonRead = { ok: true; value: unknown } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 JSON bytes to a value, or the reason they are not readable (without a field name). */
export function readJson(bytes: Uint8Array, maxDepth: number = LIMITS.jsonMaxDepth): JsonRead {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'invalid UTF-8' };
  }
  if (jsonNestsDeeperThan(bytes, maxDepth)) return { ok: false, reason: `JSON nested deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `malformed JSON (${(err as Error).message})` };
  }
}

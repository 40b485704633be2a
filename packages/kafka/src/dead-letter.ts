import { createHash } from 'node:crypto';
import { HEADERS } from '@qunpulse/contracts';
import type { OutRecord } from './bus.js';

/**
 * Most bytes of the original value a dead-letter record keeps. A refused 10 MiB event must not
 * become a record the broker refuses in turn; the prefix and a hash of the whole are enough to
 * find and diagnose it.
 */
export const DEAD_LETTER_MAX_VALUE_BYTES = 64 * 1024;
const MAX_REASON_CHARS = 2000;

export interface DeadLetter {
  /** The original bytes, untouched. */
  value: Buffer | string;
  key: string | Buffer | null;
  reason: string;
  step: string;
  /** Where the record was first seen: `topic/partition/offset`, `file:line`, `http`. */
  origin: string;
  headers?: Record<string, string>;
}

function capped(value: Buffer | string): { value: Buffer | string; headers: Record<string, string> } {
  // Only a string that could exceed the cap is encoded: a UTF-8 byte is at most one UTF-16 unit.
  if (typeof value === 'string' && value.length * 3 <= DEAD_LETTER_MAX_VALUE_BYTES) return { value, headers: {} };
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (bytes.length <= DEAD_LETTER_MAX_VALUE_BYTES) return { value, headers: {} };
  return {
    value: bytes.subarray(0, DEAD_LETTER_MAX_VALUE_BYTES),
    headers: {
      [HEADERS.dlqTruncated]: 'true',
      [HEADERS.dlqOriginalBytes]: String(bytes.length),
      [HEADERS.dlqOriginalSha256]: createHash('sha256').update(bytes).digest('hex'),
    },
  };
}

/**
 * A dead-letter record: the original bytes (the first DEAD_LETTER_MAX_VALUE_BYTES of them, flagged
 * and hashed when longer), the original headers, and why it was rejected.
 */
export function deadLetterRecord(d: DeadLetter, now: Date = new Date()): OutRecord {
  const body = capped(d.value);
  return {
    key: d.key === null ? null : Buffer.isBuffer(d.key) ? d.key.toString('utf8') : d.key,
    value: body.value,
    headers: {
      ...d.headers,
      ...body.headers,
      [HEADERS.dlqReason]: d.reason.slice(0, MAX_REASON_CHARS),
      [HEADERS.dlqStep]: d.step,
      [HEADERS.dlqOrigin]: d.origin,
      [HEADERS.dlqAt]: now.toISOString(),
    },
  };
}

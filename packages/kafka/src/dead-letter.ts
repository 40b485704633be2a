import { HEADERS } from '@qunpulse/contracts';
import type { OutRecord } from './bus.js';

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

/** A dead-letter record: the original bytes, the original headers, and why it was rejected. */
export function deadLetterRecord(d: DeadLetter, now: Date = new Date()): OutRecord {
  return {
    key: d.key === null ? null : Buffer.isBuffer(d.key) ? d.key.toString('utf8') : d.key,
    value: d.value,
    headers: {
      ...d.headers,
      [HEADERS.dlqReason]: d.reason.slice(0, 2000),
      [HEADERS.dlqStep]: d.step,
      [HEADERS.dlqOrigin]: d.origin,
      [HEADERS.dlqAt]: now.toISOString(),
    },
  };
}

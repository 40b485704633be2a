// The kit's first step on every batch: each record's bytes read through the consumer's contract.
// What cannot be read is dead-lettered with the field and the reason, and never reaches the handler.
import type { Contract } from '@qunpulse/contracts';
import type { InRecord } from '@qunpulse/kafka';
import type { Item } from './define.js';

export interface DeadRecord {
  record: InRecord;
  step: string;
  reason: string;
}

export interface DecodedBatch<T> {
  items: Item<T>[];
  dead: DeadRecord[];
}

export function decodeRecords<T>(contract: Contract<T>, records: readonly InRecord[], now: number): DecodedBatch<T> {
  const out: DecodedBatch<T> = { items: [], dead: [] };
  for (const record of records) {
    // A tombstone (null) or a zero-length value: named as such rather than as malformed JSON.
    if (!record.value || record.value.length === 0) {
      out.dead.push({ record, step: 'parse', reason: '(record): empty value' });
      continue;
    }
    const v = contract.decode(record.value, record.headers, now);
    if (v.ok) out.items.push({ record, value: v.value });
    else out.dead.push({ record, step: 'validate', reason: v.reason });
  }
  return out;
}

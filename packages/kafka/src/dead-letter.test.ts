import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HEADERS } from '@qunpulse/contracts';
import { chunkRecords } from './chunks.js';
import { DEAD_LETTER_MAX_VALUE_BYTES, deadLetterRecord } from './dead-letter.js';

describe('dead-letter records', () => {
  it('keep a small value untouched, without truncation headers', () => {
    const r = deadLetterRecord({ value: '{"a":1}', key: null, reason: 'x: bad', step: 'validate', origin: 'http#0' });
    expect(r.value).toBe('{"a":1}');
    expect(r.headers![HEADERS.dlqTruncated]).toBeUndefined();
    expect(r.headers![HEADERS.dlqReason]).toBe('x: bad');
  });

  it('cap a 10 MiB value to its first bytes, flagged, with the size and hash of the whole', () => {
    const original = Buffer.alloc(10 * 1024 * 1024, 0x61);
    original.write('{"eventId":"big"', 0);
    const r = deadLetterRecord({ value: original.toString('utf8'), key: null, reason: 'message.text: too long', step: 'validate', origin: 'http#0' });
    expect(Buffer.byteLength(r.value)).toBe(DEAD_LETTER_MAX_VALUE_BYTES);
    expect(Buffer.from(r.value).subarray(0, 16).toString()).toBe('{"eventId":"big"');
    expect(r.headers).toMatchObject({
      [HEADERS.dlqTruncated]: 'true',
      [HEADERS.dlqOriginalBytes]: String(original.length),
      [HEADERS.dlqOriginalSha256]: createHash('sha256').update(original).digest('hex'),
    });
  });
});

describe('send chunks', () => {
  it('cut a send into runs under the byte budget, in order, never splitting a record', () => {
    const records = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(300) }));
    const chunks = chunkRecords(records, 1_000);
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 2, 2, 2]);
    expect(chunks.flat()).toEqual(records);
    expect(chunkRecords([{ key: null, value: 'x'.repeat(5_000) }], 1_000)).toHaveLength(1);
  });
});

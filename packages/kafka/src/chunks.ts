// Splits one send into requests the broker accepts. kafkajs puts all of a send's records for one
// partition into one record batch, and a batch larger than the broker's message.max.bytes (1 MiB
// by default) is refused whole, so a send is cut into runs of at most maxBytes, in order.
import type { OutRecord } from './bus.js';

/** Below Kafka's default message.max.bytes (1 MiB), with room for batch and request framing. */
export const MAX_SEND_BYTES = 900 * 1024;
/** Per-record framing: lengths, offsets, timestamps, attributes. */
const RECORD_OVERHEAD = 64;

type Size = (v: Buffer | string | null) => number;
const exact: Size = (v) => (v === null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length);
/** A UTF-16 unit never takes more than 3 UTF-8 bytes: a bound found without encoding anything. */
const atMost: Size = (v) => (v === null ? 0 : typeof v === 'string' ? v.length * 3 : v.length);

function recordBytes(r: OutRecord, size: Size): number {
  let n = RECORD_OVERHEAD + size(r.key) + size(r.value);
  if (r.headers) for (const k in r.headers) n += k.length + size(r.headers[k]!) + 8;
  return n;
}

export function chunkRecords(records: OutRecord[], maxBytes: number = MAX_SEND_BYTES): OutRecord[][] {
  // The common send is far below the budget; measuring exactly is only worth it near the limit.
  let bound = 0;
  for (const r of records) bound += recordBytes(r, atMost);
  if (bound <= maxBytes) return records.length ? [records] : [];
  const chunks: OutRecord[][] = [];
  let current: OutRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const n = recordBytes(r, exact);
    if (current.length && bytes + n > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += n;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

// What a chat_events row keeps from its Kafka record besides the event: the ingest path and when
// it was produced. Headers come from outside, so only well-formed, in-range values are kept.
import { HEADERS } from '@qunpulse/contracts';
import type { InRecord } from '@qunpulse/kafka';
import type { RowMeta } from './row.js';

/** produced_at is a DateTime64(3): a header outside its range would be stored as a wrong time. */
const LATEST_PRODUCED_AT = Date.UTC(2299, 11, 31);

function producedAt(record: InRecord): number {
  for (const raw of [record.headers[HEADERS.producedAt], record.timestamp]) {
    const ms = Number(raw);
    if (raw !== undefined && Number.isSafeInteger(ms) && ms >= 0 && ms <= LATEST_PRODUCED_AT) return ms;
  }
  return 0;
}

/** The source header names the ingest path; anything else a producer put there is not kept. */
function sourceOf(record: InRecord): string {
  const s = record.headers[HEADERS.source] ?? '';
  return s.length <= 64 && s.isWellFormed() ? s : '';
}

export function rowMetaOf(record: InRecord): RowMeta {
  return { source: sourceOf(record), producedAt: producedAt(record) };
}

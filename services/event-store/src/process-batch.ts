// The event store's batch step: decode and validate each record, store the valid ones in one
// insert, dead-letter the rest with their reason. Pure of Kafka: it gets records, returns what to do.
import { decodeChatEvent, HEADERS } from '@qunpulse/contracts';
import { dlq, ok, type InRecord, type StepResult } from '@qunpulse/kafka';
import { toRow, type ChatEventRow } from './row.js';

export interface ProcessedBatch {
  rows: ChatEventRow[];
  /** The record each row came from, index for index (to dead-letter a row the warehouse refuses). */
  sources: InRecord[];
  rejected: { record: InRecord; reason: string; step: string }[];
  /** `tenant\u001fplatform\u001fgroup` keys touched by this batch. */
  groups: Set<string>;
}

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

export function parseRecord(record: InRecord, now: number): StepResult<ChatEventRow> {
  if (!record.value) return dlq('parse', '(record): empty value');
  const v = decodeChatEvent(record.value, now);
  if (!v.ok) return dlq('validate', v.reason);
  return ok(toRow(v.event, {
    source: sourceOf(record),
    producedAt: producedAt(record),
  }));
}

export function processBatch(records: InRecord[], now: number = Date.now()): ProcessedBatch {
  const out: ProcessedBatch = { rows: [], sources: [], rejected: [], groups: new Set() };
  for (const record of records) {
    const r = parseRecord(record, now);
    switch (r.kind) {
      case 'ok':
        out.rows.push(r.value);
        out.sources.push(record);
        out.groups.add(`${r.value.tenant_id}\u001f${r.value.platform}\u001f${r.value.group_id}`);
        break;
      case 'dlq':
        out.rejected.push({ record, reason: r.reason, step: r.step });
        break;
      case 'drop':
        break;
      case 'retry':
        throw new Error(`retry requested: ${r.reason}`);
    }
  }
  return out;
}

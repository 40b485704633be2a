// The event store's batch step: decode and validate each record, store the valid ones in one
// insert, dead-letter the rest with their reason. Pure of Kafka: it gets records, returns what to do.
import { decodeChatEvent, HEADERS } from '@qunpulse/contracts';
import { dlq, ok, type InRecord, type StepResult } from '@qunpulse/kafka';
import { toRow, type ChatEventRow } from './row.js';

export interface ProcessedBatch {
  rows: ChatEventRow[];
  rejected: { record: InRecord; reason: string; step: string }[];
  /** `tenant\u001fplatform\u001fgroup` keys touched by this batch. */
  groups: Set<string>;
}

export function parseRecord(record: InRecord, now: number): StepResult<ChatEventRow> {
  if (!record.value) return dlq('parse', '(record): empty value');
  const v = decodeChatEvent(record.value, now);
  if (!v.ok) return dlq('validate', v.reason);
  const produced = Number(record.headers[HEADERS.producedAt] ?? record.timestamp);
  return ok(toRow(v.event, {
    source: record.headers[HEADERS.source] ?? '',
    producedAt: Number.isFinite(produced) ? produced : 0,
  }));
}

export function processBatch(records: InRecord[], now: number = Date.now()): ProcessedBatch {
  const out: ProcessedBatch = { rows: [], rejected: [], groups: new Set() };
  for (const record of records) {
    const r = parseRecord(record, now);
    switch (r.kind) {
      case 'ok':
        out.rows.push(r.value);
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

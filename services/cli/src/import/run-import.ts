// Streams export files into Kafka through the validating publisher, in constant memory: valid
// events to chat-events (with the tenant's privacy rules), invalid ones to the dead-letter topic
// with their reason. Flushes every `flushEvery` records and checkpoints only after Kafka
// acknowledged, so an interrupted import resumes without losing or double-counting anything.
import { statSync } from 'node:fs';
import { ChatEventPublisher, type KafkaBus, type PublishSummary } from '@qunpulse/kafka';
import { EXPORT_READERS, noConfiguredPolicies, privacyStep, type CsvOptions, type ExportFormat, type PolicyLookup } from '@qunpulse/importers';
import { progressBar } from '../progress.js';
import { CheckpointStore } from './checkpoint.js';

export interface ImportOptions {
  format: ExportFormat;
  files: string[];
  /** Tenant for exports that do not name one; for ndjson, overrides the events' tenantId when set. */
  tenantId?: string | undefined;
  /** Privacy policy per tenant id; tenants without one get DEFAULT_PRIVACY (text dropped, ids kept). */
  policies?: PolicyLookup;
  csv?: CsvOptions;
  /** Offset of naive times in line-based logs (IRC, QQ, WeChat); each format has its default. */
  utcOffset?: string | undefined;
  checkpointDir: string;
  /** Ignore existing checkpoints and start every file from the beginning. */
  restart?: boolean;
  quiet?: boolean;
  flushEvery?: number;
  /** Stops after the current record when it returns true (e.g. on SIGINT); progress is checkpointed. */
  shouldStop?: () => boolean;
}

export interface FileSummary extends PublishSummary {
  file: string;
  /** Source records skipped because an earlier run had handled them. */
  resumedAfter: number;
  /** Source records that carry no chat event (edits, topic changes, …). */
  ignored: number;
  complete: boolean;
}

export interface ImportSummary extends PublishSummary {
  files: FileSummary[];
  interrupted: boolean;
}

function merge(into: PublishSummary, from: PublishSummary): void {
  into.accepted += from.accepted;
  into.rejected += from.rejected;
  for (const [k, n] of Object.entries(from.reasons)) into.reasons[k] = (into.reasons[k] ?? 0) + n;
}

function sizeOf(file: string): number | undefined {
  const st = statSync(file);
  return st.isFile() ? st.size : undefined;
}

export async function runImport(bus: KafkaBus, opts: ImportOptions): Promise<ImportSummary> {
  const reader = EXPORT_READERS[opts.format];
  const store = new CheckpointStore(opts.checkpointDir);
  const flushEvery = opts.flushEvery ?? 5_000;
  const privacy = privacyStep(opts.policies ?? noConfiguredPolicies);
  const tenant = opts.tenantId;
  const producer = await bus.producer({ idempotent: true });
  const total: ImportSummary = { accepted: 0, rejected: 0, reasons: {}, files: [], interrupted: false };
  const progress = opts.quiet ? undefined : progressBar(`import ${opts.format}`);
  try {
    for (const file of opts.files) {
      const cpPath = store.pathFor(opts.format, tenant ?? '', file);
      const cp = opts.restart ? undefined : store.read(cpPath);
      const publisher = new ChatEventPublisher(bus, producer, {
        source: `import:${opts.format}`, batchSize: Number.MAX_SAFE_INTEGER,
        privacy,
      });
      const summary: FileSummary = {
        file, accepted: cp?.accepted ?? 0, rejected: cp?.rejected ?? 0, reasons: { ...cp?.reasons },
        resumedAfter: cp?.records ?? 0, ignored: 0, complete: false,
      };
      const size = sizeOf(file);
      let records = cp?.records ?? 0;
      let offset = cp?.offset;
      let sinceFlush = 0;
      const checkpoint = async () => {
        await publisher.flush();
        const s = publisher.summary;
        store.write(cpPath, {
          file, format: opts.format, tenant: tenant ?? '', records, ...(offset !== undefined ? { offset } : {}),
          accepted: summary.accepted + s.accepted, rejected: summary.rejected + s.rejected,
          reasons: Object.fromEntries(Object.entries(s.reasons).reduce((m, [k, n]) => m.set(k, (m.get(k) ?? 0) + n), new Map(Object.entries(summary.reasons)))),
          updatedAt: new Date().toISOString(),
        });
        sinceFlush = 0;
      };
      let stopped = false;
      for await (const rec of reader(file, { tenantId: tenant ?? 'default', resume: cp ? { records: cp.records, offset: cp.offset } : undefined, csv: opts.csv, utcOffset: opts.utcOffset })) {
        if (rec.items.length === 0) summary.ignored++;
        for (const item of rec.items) {
          if ('raw' in item) { await publisher.add(item.raw, rec.origin); continue; }
          if ('invalid' in item) { await publisher.reject(item.invalid.raw, item.invalid.reason, rec.origin); continue; }
          const v = item.value;
          const value = opts.format === 'ndjson' && tenant !== undefined && v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v, tenantId: tenant } : v;
          await publisher.add(value as object, rec.origin);
        }
        records++;
        offset = rec.seekOffset;
        if (++sinceFlush >= flushEvery) {
          await checkpoint();
          progress?.update(rec.bytesDone, size, `${(summary.accepted + publisher.summary.accepted).toLocaleString('en-US')} accepted, ${(summary.rejected + publisher.summary.rejected).toLocaleString('en-US')} rejected`);
        }
        if (opts.shouldStop?.()) { stopped = true; break; }
      }
      if (stopped) {
        await checkpoint();
        merge(summary, publisher.summary);
        total.files.push(summary);
        merge(total, summary);
        total.interrupted = true;
        break;
      }
      await publisher.flush();
      store.remove(cpPath);
      merge(summary, publisher.summary);
      summary.complete = true;
      total.files.push(summary);
      merge(total, summary);
    }
  } finally {
    await producer.close();
  }
  progress?.done(`${total.accepted.toLocaleString('en-US')} accepted, ${total.rejected.toLocaleString('en-US')} rejected${total.interrupted ? ' (interrupted; run again to resume)' : ''}`);
  return total;
}

export function renderImportSummary(s: ImportSummary): string {
  const lines: string[] = [];
  for (const f of s.files) {
    lines.push(`${f.file}: ${f.accepted} accepted, ${f.rejected} rejected, ${f.ignored} records without chat events${f.resumedAfter ? ` (resumed after ${f.resumedAfter} records)` : ''}${f.complete ? '' : ' — incomplete'}`);
  }
  lines.push(`accepted: ${s.accepted}`, `rejected: ${s.rejected}`);
  const reasons = Object.entries(s.reasons).sort((a, b) => b[1] - a[1]);
  if (reasons.length) {
    lines.push('rejections by reason (sent to the dead-letter topic):');
    for (const [reason, n] of reasons.slice(0, 20)) lines.push(`  ${String(n).padStart(8)}  ${reason}`);
    if (reasons.length > 20) lines.push(`  … and ${reasons.length - 20} more reasons`);
  }
  if (s.interrupted) lines.push('interrupted: run the same command again to resume where it stopped');
  return lines.join('\n') + '\n';
}

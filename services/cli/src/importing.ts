// Streams canonical NDJSON files into Kafka through the validating publisher: valid events to
// chat-events, invalid lines to the dead-letter topic with their reason, counted either way.
import { statSync } from 'node:fs';
import { ChatEventPublisher, type KafkaBus, type PublishSummary } from '@qunpulse/kafka';
import { noConfiguredPolicies, privacyStep, readLines, type PolicyLookup } from '@qunpulse/importers';
import { progressBar } from './progress.js';

/** True for an empty or whitespace-only line; stops at the first other byte (usually the first). */
function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a) return false;
  return true;
}

export interface NdjsonImportOptions {
  source?: string;
  quiet?: boolean;
  /** Tenants' privacy policies; tenants without one get the default (text dropped). */
  policies?: PolicyLookup;
}

export async function importNdjson(bus: KafkaBus, files: string[], opts: NdjsonImportOptions = {}): Promise<PublishSummary> {
  const producer = await bus.producer({ idempotent: true });
  const publisher = new ChatEventPublisher(bus, producer, {
    source: opts.source ?? 'import:ndjson', privacy: privacyStep(opts.policies ?? noConfiguredPolicies),
  });
  const total = files.reduce((s, f) => s + statSync(f).size, 0);
  const progress = opts.quiet ? undefined : progressBar('importing');
  let base = 0;
  try {
    for (const file of files) {
      for await (const line of readLines(file)) {
        if (isBlank(line.bytes)) continue;
        await publisher.add(line.bytes, `${file}:${line.number}`);
        if ((line.number & 1023) === 0) progress?.update(base + line.endOffset, total, `${publisher.summary.accepted} accepted, ${publisher.summary.rejected} rejected`);
      }
      base += statSync(file).size;
    }
    await publisher.flush();
  } finally {
    await producer.close();
  }
  progress?.done(`${publisher.summary.accepted.toLocaleString('en-US')} accepted, ${publisher.summary.rejected.toLocaleString('en-US')} rejected`);
  return publisher.summary;
}

export function renderSummary(s: PublishSummary): string {
  const lines = [`accepted: ${s.accepted}`, `rejected: ${s.rejected}`];
  const reasons = Object.entries(s.reasons).sort((a, b) => b[1] - a[1]);
  if (reasons.length) {
    lines.push('rejections by reason (sent to the dead-letter topic):');
    for (const [reason, n] of reasons.slice(0, 20)) lines.push(`  ${String(n).padStart(8)}  ${reason}`);
    if (reasons.length > 20) lines.push(`  … and ${reasons.length - 20} more reasons`);
  }
  return lines.join('\n') + '\n';
}

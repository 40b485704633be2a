// Canonical chat-event/v1 NDJSON: one event per line; resumes by seeking to a byte offset.
import { readLines } from '../lines.js';
import type { ExportReader } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const readNdjson: ExportReader = async function* (file, opts) {
  for await (const line of readLines(file, opts.resume?.offset ?? 0)) {
    if (line.bytes.every((b) => b === 32 || b === 9)) continue;
    let item: { value: unknown } | { raw: Buffer };
    try {
      item = { value: JSON.parse(utf8.decode(line.bytes)) };
    } catch {
      item = { raw: Buffer.from(line.bytes) };
    }
    // Line numbers restart at 1 after a seek, so the origin names the byte offset instead.
    yield { items: [item], origin: `${file}@${line.endOffset - line.bytes.length - 1}`, bytesDone: line.endOffset, seekOffset: line.endOffset };
  }
};

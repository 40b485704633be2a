// Streams selected values out of one large JSON document in constant memory.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { scanJson } from './json-scan.js';

export interface Counted { bytes: number }

/** Yields every value whose path (keys and indexes joined by ".") matches `filter`, in document order. */
export function jsonValues(input: Readable, filter: RegExp, counter?: Counted): AsyncGenerator<unknown> {
  return scanJson(input, filter, counter ? (n) => { counter.bytes += n; } : undefined);
}

export function jsonFileValues(file: string, filter: RegExp, counter?: Counted): AsyncGenerator<unknown> {
  return jsonValues(createReadStream(file, { highWaterMark: 1 << 20 }), filter, counter);
}

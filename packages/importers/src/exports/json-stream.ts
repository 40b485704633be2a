// Streams selected values out of one large JSON document in constant memory (stream-json).
import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import pick from 'stream-json/filters/pick.js';
import streamValues from 'stream-json/streamers/stream-values.js';

export interface Counted { bytes: number }

/** Yields every value whose path (keys joined by ".") matches `filter`, in document order. */
export async function* jsonValues(input: Readable, filter: RegExp, counter?: Counted): AsyncGenerator<unknown> {
  if (counter) input.on('data', (chunk: Buffer) => { counter.bytes += chunk.length; });
  const values = streamValues.asStream();
  pipeline(input, pick.withParserAsStream({ filter }), values, (err) => { if (err) values.destroy(err); });
  for await (const item of values as AsyncIterable<{ value: unknown }>) yield item.value;
}

export function jsonFileValues(file: string, filter: RegExp, counter?: Counted): AsyncGenerator<unknown> {
  return jsonValues(createReadStream(file, { highWaterMark: 1 << 20 }), filter, counter);
}

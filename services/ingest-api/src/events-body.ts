// Turns a POST /v1/events body into items: one JSON object, a JSON array, or NDJSON (one event per
// line). A bad NDJSON line stays a per-event rejection; only a body that cannot be read at all
// (invalid UTF-8 or malformed JSON outside NDJSON) fails the whole request.
import type { Item } from './ingestor.js';

export class BodyError extends Error {
  constructor(readonly field: string, reason: string) {
    super(`${field}: ${reason}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isNdjson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl' || type === 'application/jsonlines';
}

function parseNdjson(body: Buffer): Item[] {
  const items: Item[] = [];
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf(10, start);
    if (end === -1) end = body.length;
    let line = body.subarray(start, end);
    if (line.length && line[line.length - 1] === 13) line = line.subarray(0, line.length - 1);
    start = end + 1;
    if (line.every((b) => b === 32 || b === 9)) continue;
    try {
      items.push({ value: JSON.parse(utf8.decode(line)) });
    } catch {
      // Left as bytes: the publisher names the problem (invalid UTF-8, malformed JSON) and dead-letters them.
      items.push({ raw: Buffer.from(line) });
    }
  }
  return items;
}

export function parseEventsBody(body: Buffer, contentType: string | undefined): Item[] {
  if (isNdjson(contentType)) return parseNdjson(body);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new BodyError('(body)', 'invalid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new BodyError('(body)', `malformed JSON (${(err as Error).message})`);
  }
  if (Array.isArray(value)) return value.map((v) => ({ value: v }));
  if (value !== null && typeof value === 'object') return [{ value }];
  throw new BodyError('(body)', 'expected a JSON object, a JSON array of objects, or NDJSON');
}

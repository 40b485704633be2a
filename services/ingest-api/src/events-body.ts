// Turns a POST /v1/events body into items: one JSON object, a JSON array, or NDJSON (one event per
// line). A bad NDJSON line stays a per-event rejection; only a body that cannot be read at all
// (invalid UTF-8, malformed or too deeply nested JSON outside NDJSON) fails the whole request.
import { readJson } from '@qunpulse/contracts';
import type { Item } from './ingestor.js';
import { NDJSON_TYPES } from './media-type.js';

export class BodyError extends Error {
  constructor(readonly field: string, reason: string) {
    super(`${field}: ${reason}`);
  }
}

export function isNdjson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return (NDJSON_TYPES as readonly string[]).includes(type);
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
    const read = readJson(line);
    // Left as bytes when unreadable: the publisher names the problem (invalid UTF-8, malformed or
    // too deeply nested JSON) and dead-letters them.
    items.push(read.ok ? { value: read.value } : { raw: Buffer.from(line) });
  }
  return items;
}

export function parseEventsBody(body: Buffer, contentType: string | undefined): Item[] {
  if (isNdjson(contentType)) return parseNdjson(body);
  const read = readJson(body);
  if (!read.ok) throw new BodyError('(body)', read.reason);
  const value = read.value;
  if (Array.isArray(value)) return value.map((v) => ({ value: v }));
  if (value !== null && typeof value === 'object') return [{ value }];
  throw new BodyError('(body)', 'expected a JSON object, a JSON array of objects, or NDJSON');
}

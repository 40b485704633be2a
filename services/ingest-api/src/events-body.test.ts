import { describe, expect, it } from 'vitest';
import { BodyError, parseEventsBody } from './events-body.js';

describe('events body', () => {
  it('reads one object, an array, and NDJSON with blank lines and CRLF', () => {
    expect(parseEventsBody(Buffer.from('{"a":1}'), 'application/json')).toEqual([{ value: { a: 1 } }]);
    expect(parseEventsBody(Buffer.from('[{"a":1}, 2]'), undefined)).toEqual([{ value: { a: 1 } }, { value: 2 }]);
    const items = parseEventsBody(Buffer.from('{"a":1}\r\n\n  \n{"b":2}'), 'application/x-ndjson; charset=utf-8');
    expect(items).toEqual([{ value: { a: 1 } }, { value: { b: 2 } }]);
  });

  it('keeps unreadable NDJSON lines as raw bytes so they are rejected one by one', () => {
    const items = parseEventsBody(Buffer.concat([Buffer.from('{"a":1}\n{"half\n'), Buffer.from([0xff, 0x7b, 0x7d])]), 'application/x-ndjson');
    expect(items).toHaveLength(3);
    expect(items[1]).toEqual({ raw: Buffer.from('{"half') });
    expect('raw' in items[2]!).toBe(true);
  });

  it('fails a JSON body that cannot be read as a whole, naming the problem', () => {
    expect(() => parseEventsBody(Buffer.from('[{"a":'), 'application/json')).toThrow(BodyError);
    expect(() => parseEventsBody(Buffer.from('[{"a":'), 'application/json')).toThrow(/\(body\): malformed JSON/);
    expect(() => parseEventsBody(Buffer.from([0x5b, 0xc3, 0x28, 0x5d]), 'application/json')).toThrow('(body): invalid UTF-8');
    expect(() => parseEventsBody(Buffer.from('"just a string"'), 'application/json')).toThrow(/expected a JSON object/);
  });
});

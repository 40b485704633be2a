import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes RFC 4180 with a UTF-8 byte-order mark and CRLF line ends', () => {
    const csv = toCsv(['group', 'note', 'n', 'tags'], [
      { group: '技术交流群', note: 'says "hi", then\nleaves', n: 3, tags: ['a', 'b'] },
      { group: 'plain', note: null, n: 0.5, tags: [] },
    ]);
    expect(csv).toBe('\uFEFFgroup,note,n,tags\r\n技术交流群,"says ""hi"", then\nleaves",3,"[""a"",""b""]"\r\nplain,,0.5,[]\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes the header alone for a table without rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
  });
});

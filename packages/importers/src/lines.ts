// Reads a file line by line as raw bytes in constant memory, so multi-gigabyte exports stream.
import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based line number. */
  number: number;
  bytes: Buffer;
  /** Byte offset just past this line (for resuming). */
  endOffset: number;
}

export async function* readLines(file: string, startOffset = 0): AsyncGenerator<Line> {
  const stream = createReadStream(file, { start: startOffset, highWaterMark: 1 << 20 });
  let carry: Buffer = Buffer.alloc(0);
  let number = 0;
  let offset = startOffset;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl === -1) break;
      let end = nl;
      if (end > start && buf[end - 1] === 13) end--;
      number++;
      offset += nl + 1 - start;
      yield { number, bytes: buf.subarray(start, end), endOffset: offset };
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start));
    buf = carry;
  }
  if (carry.length) {
    number++;
    offset += carry.length;
    yield { number, bytes: carry, endOffset: offset };
  }
}

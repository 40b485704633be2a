import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JsonScanError, scanJson } from './json-scan.js';

async function scan(text: string, filter: RegExp, chunk = 3): Promise<unknown[]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const out: unknown[] = [];
  for await (const v of scanJson(Readable.from(chunks), filter)) out.push(v);
  return out;
}

const doc = JSON.stringify({
  name: 'a "quoted" {name}', type: 'public_supergroup', id: 42,
  messages: [
    { id: 1, text: ['x', { type: 'mention', text: '@b]}' }], nested: { a: [1, 2, { b: '\\"' }] } },
    { id: 2, text: 'émoji 🔥, [brackets] and {braces}' },
    3, 'four', null, true,
  ],
  tail: { messages: [{ id: 'not me' }] },
}, null, 2);

describe('scanJson', () => {
  it.each([1, 2, 3, 7, 64, 1 << 20])('picks selected values whole, whatever the chunk size (%i)', async (size) => {
    const parsed = JSON.parse(doc) as { messages: unknown[]; type: string; id: number };
    expect(await scan(doc, /^(?:type|id|messages\.\d+)$/, size)).toEqual([parsed.type, parsed.id, ...parsed.messages]);
  });

  it('follows nested paths such as a full Telegram export', async () => {
    const full = JSON.stringify({ chats: { list: [{ type: 'private_group', id: 7, messages: [{ id: 1 }] }, { id: 8, messages: [{ id: 2 }, { id: 3 }] }] } });
    expect(await scan(full, /^chats\.list\.\d+\.(?:id|messages\.\d+)$/)).toEqual([7, { id: 1 }, 8, { id: 2 }, { id: 3 }]);
  });

  it('reports a truncated document', async () => {
    await expect(scan(doc.slice(0, doc.length - 40), /^messages\.\d+$/)).rejects.toThrow(JsonScanError);
    await expect(scan('{"messages": [{"id": 1}, {"id": 2', /^messages\.\d+$/)).rejects.toThrow('ends early');
  });
});

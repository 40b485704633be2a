// zulip-archive's JSON layout: zulip_json/<stream>/<topic>.json, each a JSON array of messages
// ({id, sender_full_name, [sender_id], timestamp, content}) with rendered HTML or Markdown content.
// The stream is the group. A quote ("<Name> said:" linking to /near/<id>, or a ```quote block with
// that link) is a reply to the quoted message; @**Name** and rendered @-mentions are mentions
// (silent mentions, @_**Name**, only credit a quote's author). Archives without sender ids name
// members by full name, so mentions, which carry the name too, point at the same member.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ChatEventInput } from '@qunpulse/contracts';
import { jsonFileValues, type Counted } from './json-stream.js';
import type { ExportReader } from './types.js';

interface ZulipMessage { id?: number; sender_full_name?: string; sender_id?: number; timestamp?: number; content?: string }

/** Topic files under a zulip_json folder (or a single stream's folder, or one topic file), in name order. */
export function zulipTopicFiles(input: string): { stream: string; file: string }[] {
  if (!statSync(input).isDirectory()) return [{ stream: path.basename(path.dirname(path.resolve(input))), file: input }];
  const entries = readdirSync(input, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  const streams = entries.filter((d) => d.isDirectory());
  const here = entries.filter((d) => d.isFile() && d.name.endsWith('.json') && d.name !== 'stream_index.json');
  return [
    ...here.map((d) => ({ stream: path.basename(path.resolve(input)), file: path.join(input, d.name) })),
    ...streams.flatMap((s) => zulipTopicFiles(path.join(input, s.name))),
  ];
}

/** "104062-brlcad" → "brlcad": zulip-archive prefixes stream folders with the stream id. */
export function zulipStreamName(folder: string): string {
  return folder.replace(/^\d+-/, '');
}

const memberOf = (m: ZulipMessage) => (m.sender_id !== undefined ? String(m.sender_id) : m.sender_full_name ?? '');

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Mentions and the quoted message of one message's content (HTML as archived, or Markdown). */
export function zulipReferences(content: string, byId: boolean): { mentions: string[]; quote?: { eventId: string; memberId?: string } } {
  const mentions = new Set<string>();
  const ref = (id: string | undefined, name: string) => (byId && id ? id : decode(name.replace(/^@/, '')).trim());
  for (const m of content.matchAll(/<span class="user-mention"(?: data-user-id="(\d+)")?>([^<]+)<\/span>/g)) mentions.add(ref(m[1], m[2]!));
  for (const m of content.matchAll(/(?<![\w_])@\*\*([^*|]+?)(?:\|(\d+))?\*\*/g)) mentions.add(ref(m[2], m[1]!));
  const quoted = /(?:<span class="user-mention silent"(?: data-user-id="(\d+)")?>([^<]+)<\/span>|@_\*\*([^*|]+?)(?:\|(\d+))?\*\*)\s*(?:<a href="[^"]*\/near\/(\d+)"[^>]*>|\[said\]\([^)]*\/near\/(\d+)\))/.exec(content);
  const list = [...mentions].filter(Boolean);
  if (!quoted) return { mentions: list };
  const eventId = quoted[5] ?? quoted[6];
  const memberId = ref(quoted[1] ?? quoted[4], quoted[2] ?? quoted[3] ?? '');
  if (!eventId) return { mentions: list };
  return { mentions: list, quote: memberId ? { eventId, memberId } : { eventId } };
}

export function zulipMessageEvent(tenantId: string, stream: string, m: ZulipMessage): ChatEventInput {
  const content = m.content ?? '';
  const { mentions, quote } = zulipReferences(content, m.sender_id !== undefined);
  const memberId = memberOf(m);
  const text = decode(content.replace(/<[^>]*>/g, ''));
  return {
    tenantId, platform: 'zulip', type: 'message', groupId: stream, eventId: String(m.id ?? ''), memberId,
    // Validation names a missing or malformed timestamp: it reaches the contract as given.
    occurredAt: typeof m.timestamp === 'number' ? m.timestamp * 1000 : (m.timestamp as unknown as string),
    message: {
      kind: /<img\b|\.(png|jpe?g|gif)\)/i.test(content) && text.trim() === '' ? 'image' : 'text', text, length: text.length,
      ...(quote && quote.memberId !== memberId ? { replyTo: quote } : {}),
      ...(mentions.filter((x) => x !== memberId).length ? { mentions: mentions.filter((x) => x !== memberId) } : {}),
    },
  } as ChatEventInput;
}

export const readZulipArchive: ExportReader = async function* (input, opts) {
  const counter: Counted = { bytes: 0 };
  const skip = opts.resume?.records ?? 0;
  let index = 0;
  for (const { stream, file } of zulipTopicFiles(input)) {
    const group = zulipStreamName(stream);
    for await (const value of jsonFileValues(file, /^\d+$/, counter)) {
      if (++index <= skip) continue;
      const m = value as ZulipMessage;
      yield { items: [{ value: zulipMessageEvent(opts.tenantId, group, m) }], origin: `${file}#${m.id ?? index}`, bytesDone: counter.bytes };
    }
  }
};

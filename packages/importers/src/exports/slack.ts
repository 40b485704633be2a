// Slack workspace export, as a .zip or an unpacked folder: channels.json / groups.json /
// mpims.json / dms.json name each conversation, users.json lists members, and each conversation
// has a folder of per-day files (YYYY-MM-DD.json, a JSON array of messages). Thread replies carry
// thread_ts; channel_join / channel_leave messages become member events.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { slackMessageEvents, type SlackMessage } from '../slack-message.js';
import { jsonValues, type Counted } from './json-stream.js';
import type { ExportReader } from './types.js';

interface Source {
  list(): Promise<string[]>;
  open(name: string): Promise<Readable>;
  close(): void;
}

function folderSource(dir: string): Source {
  const walk = (rel: string): string[] => readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? walk(path.join(rel, d.name)) : [path.join(rel, d.name).split(path.sep).join('/')]));
  return {
    list: async () => walk(''),
    open: async (name) => createReadStream(path.join(dir, name), { highWaterMark: 1 << 20 }),
    close() {},
  };
}

async function zipSource(file: string): Promise<Source> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(err) : resolve(z))));
  const entries = await new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
    const found = new Map<string, yauzl.Entry>();
    zip.on('entry', (e: yauzl.Entry) => { if (!e.fileName.endsWith('/')) found.set(e.fileName, e); zip.readEntry(); });
    zip.on('end', () => resolve(found));
    zip.on('error', reject);
    zip.readEntry();
  });
  return {
    list: async () => [...entries.keys()],
    open: (name) => new Promise((resolve, reject) => zip.openReadStream(entries.get(name)!, (err, s) => (err ? reject(err) : resolve(s)))),
    close: () => zip.close(),
  };
}

async function readAll(stream: Readable): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Folder name → conversation id, from the conversation lists (small files, read whole). */
async function conversationIds(src: Source, names: Set<string>, prefix: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const list of ['channels.json', 'groups.json', 'mpims.json', 'dms.json']) {
    if (!names.has(prefix + list)) continue;
    const convs = (await readAll(await src.open(prefix + list))) as { id: string; name?: string }[];
    for (const c of convs) ids.set(c.name ?? c.id, c.id);
  }
  return ids;
}

export const readSlackExport: ExportReader = async function* (file, opts) {
  const src = existsSync(file) && statSync(file).isDirectory() ? folderSource(file) : await zipSource(file);
  try {
    const all = await src.list();
    const names = new Set(all);
    // A zip may wrap everything in one top folder.
    const prefix = names.has('channels.json') ? '' : (all.find((n) => n.endsWith('/channels.json'))?.slice(0, -'channels.json'.length) ?? '');
    const ids = await conversationIds(src, names, prefix);
    const dayFiles = all
      .filter((n) => n.startsWith(prefix) && /^[^/]+\/\d{4}-\d{2}-\d{2}\.json$/.test(n.slice(prefix.length)))
      .sort();
    const counter: Counted = { bytes: 0 };
    const skip = opts.resume?.records ?? 0;
    let index = 0;
    for (const day of dayFiles) {
      const folder = day.slice(prefix.length).split('/')[0]!;
      const channel = ids.get(folder) ?? folder;
      for await (const value of jsonValues(await src.open(day), /^\d+$/, counter)) {
        index++;
        if (index <= skip) continue;
        const m = value as SlackMessage;
        const { events } = slackMessageEvents(opts.tenantId, channel, m, { membershipMessages: true, listedReactions: true });
        yield { items: events.map((v) => ({ value: v })), origin: `${file}:${day}#${m.ts ?? '?'}`, bytesDone: counter.bytes };
      }
    }
  } finally {
    src.close();
  }
};

// WeChat / QQ group message exports as CSV. Columns are found by header name (English or the
// Chinese names common in export tools; see the ingest-api README for the mapping) or named
// explicitly. Resumes by seeking to the byte offset after the last handled row.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { ChatEventInput, MessageKind } from '@qunpulse/contracts';
import { CSV_FIELDS, type CsvField, type CsvOptions, type ExportReader } from './types.js';

export const CSV_HEADER_ALIASES: Record<CsvField, string[]> = {
  time: ['time', 'timestamp', 'date', 'datetime', 'sent_at', '时间', '发送时间', '消息时间'],
  group_id: ['group_id', 'group', 'chat_id', 'room_id', '群id', '群号', '群聊id', '群聊', '群名称', '群名'],
  sender_id: ['sender_id', 'member_id', 'user_id', 'from_id', 'sender', '发送者id', '发送人id', '发送者', '发送人', 'qq号', 'qq', '微信号', 'wxid'],
  message_id: ['message_id', 'msg_id', 'msgid', 'id', '消息id'],
  kind: ['kind', 'type', 'msg_type', 'message_type', '消息类型', '类型'],
  content: ['content', 'text', 'message', 'body', '内容', '消息内容', '消息'],
  reply_to: ['reply_to', 'reply_to_message_id', 'quote_id', '回复消息id', '引用消息id'],
  mentions: ['mentions', 'at', 'at_list', '提及', '@'],
  event: ['event', 'event_type', '事件'],
  inviter_id: ['inviter_id', 'inviter', '邀请人id', '邀请人'],
};

const KINDS: Record<string, MessageKind> = {
  text: 'text', 文本: 'text', 文字: 'text', image: 'image', picture: 'image', 图片: 'image', voice: 'voice', 语音: 'voice',
  video: 'video', 视频: 'video', file: 'file', 文件: 'file', link: 'link', 链接: 'link', 分享: 'link', sticker: 'sticker',
  emoji: 'sticker', 表情: 'sticker', 动画表情: 'sticker', red_packet: 'red_packet', 红包: 'red_packet', mini_program: 'mini_program',
  小程序: 'mini_program', system: 'system', 系统消息: 'system', 系统: 'system',
};
const JOIN = new Set(['join', 'joined', 'member_joined', '入群', '加入', '加群']);
const LEAVE = new Set(['leave', 'left', 'member_left', 'quit', '退群', '离开']);

export function resolveCsvColumns(header: string[], overrides: CsvOptions['columns'] = {}): Partial<Record<CsvField, number>> {
  const norm = header.map((h) => h.trim().toLowerCase());
  const out: Partial<Record<CsvField, number>> = {};
  for (const field of CSV_FIELDS) {
    const wanted = overrides[field] !== undefined ? [overrides[field]!.trim().toLowerCase()] : CSV_HEADER_ALIASES[field];
    const i = norm.findIndex((h) => wanted.includes(h));
    if (i >= 0) out[field] = i;
    else if (overrides[field] !== undefined) throw new Error(`CSV column ${JSON.stringify(overrides[field])} (for ${field}) is not in the header`);
  }
  for (const required of ['time', 'group_id', 'sender_id'] as const) {
    if (out[required] === undefined) throw new Error(`CSV header has no ${required} column (looked for ${CSV_HEADER_ALIASES[required].join(', ')}); name it with --column ${required}=HEADER`);
  }
  return out;
}

/** Epoch seconds or milliseconds, ISO with offset, or a naive "YYYY-MM-DD HH:mm[:ss]" in `utcOffset`. */
export function csvTime(raw: string, utcOffset: string): string | number {
  const v = raw.trim();
  if (/^\d{10}$/.test(v)) return Number(v) * 1000;
  if (/^\d{13}$/.test(v)) return Number(v);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (m) {
    const p = (s: string | undefined) => (s ?? '00').padStart(2, '0');
    return `${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${m[5]}:${p(m[6])}${utcOffset}`;
  }
  return v;
}

export function csvRowEvent(tenantId: string, row: string[], cols: Partial<Record<CsvField, number>>, opts: CsvOptions): ChatEventInput | undefined {
  const get = (f: CsvField) => (cols[f] === undefined ? '' : (row[cols[f]!] ?? '').trim());
  const platform = opts.platform ?? 'wechat';
  const time = get('time');
  const groupId = get('group_id');
  const sender = get('sender_id');
  const event = get('event').toLowerCase();
  const content = cols.content === undefined ? '' : row[cols.content] ?? '';
  const eventId = get('message_id') || 'csv:' + createHash('sha1').update([groupId, sender, time, event, content].join('\u001f')).digest('hex').slice(0, 24);
  const base = { tenantId, platform, groupId, eventId, memberId: sender, occurredAt: csvTime(time, opts.utcOffset ?? '+08:00') };
  if (JOIN.has(event)) {
    const inviter = get('inviter_id');
    return { ...base, type: 'member_joined', join: inviter ? { via: 'invite', inviterId: inviter } : { via: 'unknown' } } as ChatEventInput;
  }
  if (LEAVE.has(event)) return { ...base, type: 'member_left', leave: { reason: 'unknown' } } as ChatEventInput;
  const kindRaw = get('kind');
  const kind = kindRaw ? KINDS[kindRaw.toLowerCase()] ?? 'other' : 'text';
  const replyTo = get('reply_to');
  const mentions = [...new Set(get('mentions').split(/[;,|\s]+/).map((s) => s.replace(/^@/, '')).filter(Boolean))];
  return {
    ...base, type: 'message',
    message: { kind, text: content, length: content.length, ...(replyTo ? { replyTo: { eventId: replyTo } } : {}), ...(mentions.length ? { mentions } : {}) },
  } as ChatEventInput;
}

async function readHeader(file: string): Promise<{ header: string[]; bytes: number }> {
  const parser = createReadStream(file).pipe(parse({ bom: true, to_line: 1, info: true, relax_column_count: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
    return { header: record, bytes: info.bytes };
  }
  throw new Error(`${file}: empty CSV file`);
}

export const readCsvExport: ExportReader = async function* (file, opts) {
  const csv = opts.csv ?? {};
  const { header, bytes: headerBytes } = await readHeader(file);
  const cols = resolveCsvColumns(header, csv.columns);
  const start = Math.max(opts.resume?.offset ?? 0, headerBytes);
  const parser = createReadStream(file, { start }).pipe(parse({ info: true, relax_column_count: true, skip_empty_lines: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number; lines: number } }>) {
    const end = start + info.bytes;
    const event = csvRowEvent(opts.tenantId, record, cols, csv);
    yield { items: event ? [{ value: event }] : [], origin: `${file}@${end}`, bytesDone: end, seekOffset: end };
  }
};

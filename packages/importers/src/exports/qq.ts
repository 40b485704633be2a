// QQ's own "导出消息记录" text export (.txt): a preamble naming the group ("消息对象:群名"), then
// messages, each a header line "2016-05-04 10:20:33 【头衔】昵称(QQ号)" (or "昵称<email>") followed
// by its text lines. Members are their QQ number (or e-mail); "@昵称" mentions are resolved to the
// member last seen under that name. System messages (系统消息(10000)) announce joins and leaves.
import { createHash } from 'node:crypto';
import type { ChatEventInput, MessageKind } from '@qunpulse/contracts';
import { readLines } from '../lines.js';
import type { ExportReader, ExportRecord, InvalidRecord } from './types.js';

const HEADER = /^(\d{4}-\d{1,2}-\d{1,2}) (\d{1,2}:\d{2}:\d{2}) (?:【[^】]*】)?(.*?)(?:\(([^()]+)\)|<([^<>]+)>)\s*$/;
const DATE_FIRST = /^\d{4}-\d{1,2}-\d{1,2} /;
const SYSTEM = new Set(['10000', '1000000']);

const KINDS: [RegExp, MessageKind][] = [
  [/^\[图片\]$/, 'image'], [/^\[(?:表情|动画表情)\]$/, 'sticker'], [/^\[语音\]$/, 'voice'], [/^\[视频\]$/, 'video'],
  [/^\[文件\]/, 'file'], [/^\[(?:QQ)?红包\]/, 'red_packet'], [/^\[(?:分享|链接)\]/, 'link'],
];

interface Pending { date: string; time: string; name: string; id: string; lines: string[]; origin: string; bytes: number; line: number }

export interface QqState { group: string; names: Map<string, string> }

function pad(date: string, time: string, utcOffset: string): string {
  const [y, mo, d] = date.split('-');
  const [h, mi, s] = time.split(':');
  return `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h!.padStart(2, '0')}:${mi}:${s}${utcOffset}`;
}

export function qqMessageEvents(tenantId: string, state: QqState, p: Pending, utcOffset: string): ({ value: ChatEventInput } | { invalid: InvalidRecord })[] {
  const text = p.lines.join('\n').replace(/\n+$/, '');
  const occurredAt = pad(p.date, p.time, utcOffset);
  if (!state.group) return [{ invalid: { reason: 'groupId: no "消息对象:" line names the group before this message', raw: text } }];
  const eventId = 'qq:' + createHash('sha1').update([state.group, p.id, occurredAt, p.line].join('\u001f')).digest('hex').slice(0, 24);
  const base = { tenantId, platform: 'qq' as const, groupId: state.group, occurredAt, eventId };
  if (SYSTEM.has(p.id)) {
    const m = /^(.*?)(?:\(([^()]+)\))?\s*(加入了?本群|退出了?本群|被管理员移出了?本群)/.exec(text.trim());
    if (!m) return [];
    const member = m[2] ?? state.names.get(m[1]!.trim()) ?? `name:${m[1]!.trim()}`;
    if (m[3]!.startsWith('加入')) return [{ value: { ...base, type: 'member_joined', memberId: member, join: { via: 'unknown' } } }];
    return [{ value: { ...base, type: 'member_left', memberId: member, leave: { reason: m[3]!.startsWith('被') ? 'removed' : 'quit' } } }];
  }
  state.names.set(p.name, p.id);
  const mentions = [...new Set([...text.matchAll(/@([^\s@]+)/g)].map((m) => state.names.get(m[1]!) ?? `name:${m[1]}`))].filter((x) => x !== p.id);
  const kind = KINDS.find(([re]) => re.test(text.trim()))?.[1] ?? 'text';
  return [{ value: { ...base, type: 'message', memberId: p.id, message: { kind, text, length: text.length, ...(mentions.length ? { mentions } : {}) } } }];
}

export const readQqText: ExportReader = async function* (file, opts) {
  const utcOffset = opts.utcOffset ?? '+08:00';
  const skip = opts.resume?.records ?? 0;
  const state: QqState = { group: '', names: new Map() };
  const decoder = new TextDecoder('utf-8');
  let pending: Pending | undefined;
  let index = 0;
  // Skipped records are still read, so names resolve after a resume as on the first run.
  const finish = (p: Pending): ExportRecord | undefined => {
    const items = qqMessageEvents(opts.tenantId, state, p, utcOffset);
    return ++index <= skip ? undefined : { items, origin: p.origin, bytesDone: p.bytes };
  };
  for await (const line of readLines(file)) {
    const text = decoder.decode(line.bytes).replace(/^\uFEFF/, '');
    const header = HEADER.exec(text);
    if (header || /^消息对象:/.test(text) || /^={8,}$/.test(text.trim())) {
      if (pending) { const r = finish(pending); pending = undefined; if (r) yield r; }
      if (header) {
        const [, date, time, name, qq, email] = header as unknown as [string, string, string, string, string?, string?];
        pending = { date, time, name: name.trim(), id: (qq ?? email ?? name).trim(), lines: [], origin: `${file}:${line.number}`, bytes: line.endOffset, line: line.number };
      } else if (/^消息对象:/.test(text)) {
        state.group = text.slice('消息对象:'.length).trim();
      }
      continue;
    }
    if (pending) { pending.lines.push(text); pending.bytes = line.endOffset; continue; }
    if (DATE_FIRST.test(text)) {
      if (++index > skip) yield { items: [{ invalid: { reason: `time: ${JSON.stringify(text.slice(0, 40))} is not a header "YYYY-MM-DD HH:MM:SS 昵称(QQ号)"`, raw: text } }], origin: `${file}:${line.number}`, bytesDone: line.endOffset };
    }
    // Anything else before the first message is the export's preamble.
  }
  if (pending) { const r = finish(pending); if (r) yield r; }
};

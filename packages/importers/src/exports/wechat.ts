// WeChat chat history as desktop export tools write it (CSV or a JSON array), one row per message
// with the database's own columns: a numeric Type (1 text, 3 image, 34 voice, 43 video, 47
// sticker, 49 app message with SubType 5 link / 6 file / 57 quoted reply / 2001 red packet, 10000
// system), the sender (Sender / wxid / talker), the time (CreateTime epoch seconds or StrTime),
// the content (StrContent / msg / content) and the chat room (TalkerId / room, "…@chatroom").
// Group mentions are "@昵称" followed by U+2005 (or a space); system lines "A"邀请"B"加入了群聊 and
// "B"通过扫描"A"分享的二维码加入群聊 are joins; "A"将"B"移出了群聊 is a removal.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { ChatEventInput, MessageKind } from '@qunpulse/contracts';
import { jsonFileValues, type Counted } from './json-stream.js';
import type { ExportReader, InvalidRecord } from './types.js';

type Row = Record<string, unknown>;

const FIELDS = {
  time: ['createtime', 'create_time', 'strtime', 'time', '时间', '发送时间'],
  sender: ['sender', 'senderid', 'sender_id', 'wxid', 'talker', 'from', '发送者', '发送人'],
  name: ['nickname', 'displayname', 'sender_name', 'remark', '昵称'],
  type: ['type', 'msg_type', 'type_name', '类型', '消息类型'],
  subType: ['subtype', 'sub_type'],
  content: ['strcontent', 'content', 'msg', 'message', '内容', '消息内容'],
  group: ['talkerid', 'room', 'room_name', 'chatroom', 'roomid', 'strtalker', '群聊', '群名称'],
  id: ['msgsvrid', 'msg_svr_id', 'msgid', 'localid', 'id', '消息id'],
} as const;
type Field = keyof typeof FIELDS;

const TYPES: Record<string, MessageKind> = {
  '1': 'text', '3': 'image', '34': 'voice', '43': 'video', '47': 'sticker', '48': 'link', '49': 'link', '10000': 'system', '10002': 'system',
  文本: 'text', 图片: 'image', 语音: 'voice', 视频: 'video', 表情: 'sticker', 动画表情: 'sticker', 文件: 'file', 链接: 'link', 红包: 'red_packet', 系统消息: 'system', 引用回复: 'text',
};
const SUBTYPES: Record<string, MessageKind> = { '5': 'link', '6': 'file', '33': 'mini_program', '36': 'mini_program', '57': 'text', '2000': 'other', '2001': 'red_packet' };

function pick(row: Row, field: Field): string {
  for (const k of Object.keys(row)) {
    if ((FIELDS[field] as readonly string[]).includes(k.trim().toLowerCase())) {
      const v = row[k];
      if (v !== null && v !== undefined && String(v).trim() !== '') return String(v);
    }
  }
  return '';
}

/** CreateTime (epoch seconds or ms) or a naive "YYYY-MM-DD HH:MM:SS" in `utcOffset`. */
function wechatTime(raw: string, utcOffset: string): string | number {
  const v = raw.trim();
  if (/^\d{10}$/.test(v)) return Number(v) * 1000;
  if (/^\d{13}$/.test(v)) return Number(v);
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return v;
  const p = (s: string | undefined) => (s ?? '00').padStart(2, '0');
  return `${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${m[5]}:${p(m[6])}${utcOffset}`;
}

/** The reader's memory: display name → member id, so "@昵称" and system lines name members. */
export type WechatNames = Map<string, string>;

export function wechatRowEvents(tenantId: string, row: Row, names: WechatNames, utcOffset: string): ({ value: ChatEventInput } | { invalid: InvalidRecord })[] {
  const group = pick(row, 'group');
  const content = pick(row, 'content');
  const time = pick(row, 'time');
  const typeRaw = pick(row, 'type');
  const kindByType = TYPES[typeRaw];
  if (typeRaw && !kindByType) return [{ invalid: { reason: `type: ${JSON.stringify(typeRaw.slice(0, 20))} is not a WeChat message type (1, 3, 34, 43, 47, 49, 10000, or 文本/图片/…)`, raw: JSON.stringify(row) } }];
  const kind = typeRaw === '49' ? SUBTYPES[pick(row, 'subType')] ?? 'link' : kindByType ?? 'text';
  const occurredAt = wechatTime(time, utcOffset);
  const eventId = pick(row, 'id') || 'wx:' + createHash('sha1').update([group, pick(row, 'sender'), time, content].join('\u001f')).digest('hex').slice(0, 24);
  const base = { tenantId, platform: 'wechat' as const, groupId: group, occurredAt };
  if (kind === 'system') {
    const nameOf = (n: string) => names.get(n) ?? `name:${n}`;
    let m: RegExpExecArray | null;
    if ((m = /^"(.+?)"邀请"(.+?)"加入了群聊/.exec(content))) {
      const inviter = nameOf(m[1]!);
      return m[2]!.split('、').map((n) => ({ value: { ...base, type: 'member_joined', eventId: `${eventId}:${n}`, memberId: nameOf(n), join: { via: 'invite', inviterId: inviter } } as ChatEventInput }));
    }
    if ((m = /^"(.+?)"通过扫描"(.+?)"分享的二维码加入群聊/.exec(content))) {
      return [{ value: { ...base, type: 'member_joined', eventId, memberId: nameOf(m[1]!), join: { via: 'qr_code', inviterId: nameOf(m[2]!) } } as ChatEventInput }];
    }
    if ((m = /^"(.+?)"将"(.+?)"移出了群聊/.exec(content))) {
      return [{ value: { ...base, type: 'member_left', eventId, memberId: nameOf(m[2]!), leave: { reason: 'removed', byId: nameOf(m[1]!) } } as ChatEventInput }];
    }
    return [];
  }
  const sender = pick(row, 'sender');
  const name = pick(row, 'name');
  if (name && sender) names.set(name, sender);
  const mentions = [...new Set([...content.matchAll(/@([^\s@\u2005]+)(?:\u2005|\s|$)/g)].map((x) => names.get(x[1]!) ?? `name:${x[1]}`))].filter((x) => x !== sender);
  // A quoted reply (type 49 / 57) carries the quoted message in XML: <refermsg><svrid>…</svrid><chatusr>…</chatusr>.
  const refer = /<refermsg>[\s\S]*?<svrid>(\d+)<\/svrid>[\s\S]*?(?:<chatusr>([^<]+)<\/chatusr>)?/.exec(content);
  const text = refer ? (/<title>([^<]*)<\/title>/.exec(content)?.[1] ?? '') : content;
  return [{
    value: {
      ...base, type: 'message', eventId, memberId: sender,
      message: {
        kind, text, length: text.length,
        ...(refer ? { replyTo: refer[2] ? { eventId: refer[1]!, memberId: refer[2] } : { eventId: refer[1]! } } : {}),
        ...(mentions.length ? { mentions } : {}),
      },
    } as ChatEventInput,
  }];
}

export const readWechatExport: ExportReader = async function* (file, opts) {
  const utcOffset = opts.utcOffset ?? '+08:00';
  const skip = opts.resume?.records ?? 0;
  const names: WechatNames = new Map();
  let index = 0;
  if (/\.json$/i.test(file)) {
    const counter: Counted = { bytes: 0 };
    for await (const value of jsonFileValues(file, /^\d+$/, counter)) {
      const items = wechatRowEvents(opts.tenantId, value as Row, names, utcOffset);
      if (++index > skip) yield { items, origin: `${file}#${index}`, bytesDone: counter.bytes };
    }
    return;
  }
  const parser = createReadStream(file).pipe(parse({ bom: true, columns: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Row; info: { bytes: number; lines: number } }>) {
    // Skipped rows still teach names, so mentions resolve after a resume as on the first run.
    const items = wechatRowEvents(opts.tenantId, record, names, utcOffset);
    if (++index > skip) yield { items, origin: `${file}:${info.lines}`, bytesDone: info.bytes };
  }
};

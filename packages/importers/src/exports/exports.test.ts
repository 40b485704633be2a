import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateChatEvent } from '@qunpulse/contracts';
import { EXPORT_READERS, type ExportFormat, type ReadOptions } from './index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-exports-'));
const NOW = Date.UTC(2026, 5, 1);

async function collect(format: ExportFormat, file: string, opts: Partial<ReadOptions> = {}) {
  const out: { values: Record<string, unknown>[]; origin: string; seekOffset?: number }[] = [];
  for await (const r of EXPORT_READERS[format](file, { tenantId: 'T', ...opts })) {
    out.push({ values: r.items.map((i) => ('value' in i ? (i.value as Record<string, unknown>) : { raw: i.raw.toString() })), origin: r.origin, ...(r.seekOffset !== undefined ? { seekOffset: r.seekOffset } : {}) });
  }
  return out;
}

function allValid(records: { values: Record<string, unknown>[] }[]) {
  for (const r of records) for (const v of r.values) {
    const res = validateChatEvent(v, NOW);
    expect(res.ok, JSON.stringify(v) + (res.ok ? '' : ` → ${res.reason}`)).toBe(true);
  }
}

describe('telegram desktop export', () => {
  // Shape of Telegram Desktop's "Export chat history" → JSON (result.json).
  const file = path.join(dir, 'result.json');
  writeFileSync(file, JSON.stringify({
    name: 'Growth Club', type: 'private_supergroup', id: 1234567890,
    messages: [
      { id: 1, type: 'service', date: '2026-01-01T10:00:00', date_unixtime: '1767261600', actor: 'Alice', actor_id: 'user111', action: 'invite_members', members: ['Bob'], text: '', text_entities: [] },
      { id: 2, type: 'service', date: '2026-01-01T10:01:00', date_unixtime: '1767261660', actor: 'Carol', actor_id: 'user333', action: 'join_group_by_link', inviter: 'Alice', text: '', text_entities: [] },
      { id: 3, type: 'message', date: '2026-01-01T10:02:00', date_unixtime: '1767261720', from: 'Carol', from_id: 'user333', reply_to_message_id: 1,
        text: ['hi ', { type: 'mention', text: '@alice' }, ' and ', { type: 'mention_name', text: 'Bob', user_id: 222 }],
        text_entities: [{ type: 'plain', text: 'hi ' }, { type: 'mention', text: '@alice' }, { type: 'plain', text: ' and ' }, { type: 'mention_name', text: 'Bob', user_id: 222 }] },
      { id: 4, type: 'message', date: '2026-01-01T10:03:00', date_unixtime: '1767261780', from: 'Alice', from_id: 'user111', photo: 'photos/p.jpg', text: '', text_entities: [] },
      { id: 5, type: 'service', date: '2026-01-01T10:04:00', date_unixtime: '1767261840', actor: 'Alice', actor_id: 'user111', action: 'remove_members', members: ['Bob'], text: '', text_entities: [] },
    ],
  }, null, 1));

  it('maps messages, replies, mentions and invite / join-by-link / remove actions', async () => {
    const recs = await collect('telegram', file);
    allValid(recs);
    const events = recs.flatMap((r) => r.values);
    expect(events.map((e) => [e.type, e.eventId, e.memberId, e.groupId])).toEqual([
      ['member_joined', 'join:1:name:Bob', 'name:Bob', '-1001234567890'],
      ['member_joined', 'join:2:333', '333', '-1001234567890'],
      ['message', '3', '333', '-1001234567890'],
      ['message', '4', '111', '-1001234567890'],
      ['member_left', 'leave:5:name:Bob', 'name:Bob', '-1001234567890'],
    ]);
    expect(events[0]!.join).toEqual({ via: 'invite', inviterId: '111' });
    expect(events[1]!.join).toEqual({ via: 'link' });
    expect(events[2]!.message).toEqual({ kind: 'text', text: 'hi @alice and Bob', length: 17, replyTo: { eventId: '1' }, mentions: ['@alice', '222'] });
    expect((events[3]!.message as { kind: string }).kind).toBe('image');
    expect(events[4]!.leave).toEqual({ reason: 'removed', byId: '111' });
  });

  it('resumes after the records already handled', async () => {
    const recs = await collect('telegram', file, { resume: { records: 3 } });
    expect(recs.flatMap((r) => r.values).map((e) => e.eventId)).toEqual(['4', 'leave:5:name:Bob']);
  });
});

describe('slack workspace export', () => {
  const root = path.join(dir, 'slack');
  mkdirSync(path.join(root, 'general'), { recursive: true });
  writeFileSync(path.join(root, 'channels.json'), JSON.stringify([{ id: 'C01', name: 'general', created: 1767225600, members: ['U1', 'U2'] }]));
  writeFileSync(path.join(root, 'users.json'), JSON.stringify([{ id: 'U1', name: 'alice' }, { id: 'U2', name: 'bob' }]));
  writeFileSync(path.join(root, 'general', '2026-01-01.json'), JSON.stringify([
    { type: 'message', subtype: 'channel_join', user: 'U2', text: '<@U2> has joined the channel', ts: '1767225600.000100' },
    { type: 'message', user: 'U1', text: 'welcome <@U2>!', ts: '1767225700.000200', thread_ts: '1767225700.000200', reply_count: 1, reactions: [{ name: 'wave', users: ['U2'], count: 1 }] },
  ]));
  writeFileSync(path.join(root, 'general', '2026-01-02.json'), JSON.stringify([
    { type: 'message', user: 'U2', text: 'thanks', ts: '1767312000.000300', thread_ts: '1767225700.000200', parent_user_id: 'U1' },
    { type: 'message', subtype: 'channel_leave', user: 'U2', text: '<@U2> has left the channel', ts: '1767312100.000400' },
  ]));
  const expected = [
    ['member_joined', 'join:U2:1767225600.000100', 'C01'],
    ['message', '1767225700.000200', 'C01'],
    ['reaction', 'reaction:U2:1767225700.000200:wave', 'C01'],
    ['message', '1767312000.000300', 'C01'],
    ['member_left', 'leave:U2:1767312100.000400', 'C01'],
  ];

  it('reads an unpacked export folder: joins, thread replies, reactions, leaves', async () => {
    const recs = await collect('slack', root);
    allValid(recs);
    const events = recs.flatMap((r) => r.values);
    expect(events.map((e) => [e.type, e.eventId, e.groupId])).toEqual(expected);
    expect((events[3]!.message as { replyTo: unknown }).replyTo).toEqual({ eventId: '1767225700.000200', memberId: 'U1' });
    expect((events[1]!.message as { mentions: unknown }).mentions).toEqual(['U2']);
  });

  it('reads the same export as a zip', async () => {
    // @ts-expect-error archiver ships no types
    const { default: archiver } = await import('archiver');
    const zipFile = path.join(dir, 'slack.zip');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(zipFile);
      const a = archiver('zip');
      out.on('close', () => resolve());
      a.on('error', reject);
      a.pipe(out);
      a.directory(root, 'Workspace Slack export');
      void a.finalize();
    });
    const recs = await collect('slack', zipFile);
    expect(recs.flatMap((r) => r.values).map((e) => [e.type, e.eventId, e.groupId])).toEqual(expected);
    const resumed = await collect('slack', zipFile, { resume: { records: 2 } });
    expect(resumed.flatMap((r) => r.values).map((e) => e.eventId)).toEqual(expected.slice(3).map((e) => e[1]));
  });
});

describe('DiscordChatExporter JSON', () => {
  const file = path.join(dir, 'discord.json');
  writeFileSync(file, JSON.stringify({
    guild: { id: '800', name: 'Makers', iconUrl: 'x' },
    channel: { id: '900', type: 'GuildTextChat', categoryId: '1', category: 'Text', name: 'general', topic: null },
    dateRange: { after: null, before: null }, exportedAt: '2026-01-05T00:00:00+00:00',
    messages: [
      { id: '1001', type: 'GuildMemberJoin', timestamp: '2026-01-01T00:00:00+00:00', content: 'Joined the server.', author: { id: '601', name: 'dana' }, attachments: [], reactions: [], mentions: [] },
      { id: '1002', type: 'Default', timestamp: '2026-01-01T00:01:00+00:00', content: 'hello @bob', author: { id: '600', name: 'alice' }, attachments: [], mentions: [{ id: '700', name: 'bob' }],
        reactions: [{ emoji: { id: '', name: '👍', code: 'thumbsup', isAnimated: false }, count: 1, users: [{ id: '700', name: 'bob' }] }] },
      { id: '1003', type: 'Reply', timestamp: '2026-01-01T00:02:00+00:00', content: 'hi!', author: { id: '700', name: 'bob' }, attachments: [{ id: 'a', url: 'u', fileName: 'cat.png', fileSizeBytes: 1 }], reactions: [], mentions: [{ id: '600' }], reference: { messageId: '1002', channelId: '900', guildId: '800' } },
    ],
    messageCount: 3,
  }));

  it('maps joins, messages, replies, mentions and reactions with webhook-compatible ids', async () => {
    const recs = await collect('discord', file);
    allValid(recs);
    const events = recs.flatMap((r) => r.values);
    expect(events.map((e) => [e.type, e.eventId, e.groupId])).toEqual([
      ['member_joined', `member_joined:601:${Date.UTC(2026, 0, 1)}`, '800'],
      ['message', '1002', '800'],
      ['reaction', 'reaction:700:1002:👍', '800'],
      ['message', '1003', '800'],
    ]);
    expect(events[3]!.message).toEqual({ kind: 'image', text: 'hi!', length: 3, replyTo: { eventId: '1002' }, mentions: ['600'] });
  });
});

describe('csv group exports', () => {
  const file = path.join(dir, 'wechat.csv');
  writeFileSync(file, '\ufeff发送时间,群ID,发送者ID,消息类型,消息内容,事件,邀请人ID\n'
    + '2026-01-01 08:00:00,room1,wxid_a,文本,"大家好, 欢迎",,\n'
    + '2026-01-01 08:05,room1,wxid_b,,,入群,wxid_a\n'
    + '1767226200,room1,wxid_b,红包,,,\n'
    + '2026-01-01 08:20:00,room1,wxid_b,文本,"多行\n内容",,\n');

  it('recognises Chinese headers, naive China times, join rows and kinds', async () => {
    const recs = await collect('csv', file);
    allValid(recs);
    const events = recs.flatMap((r) => r.values);
    expect(events.map((e) => [e.type, e.memberId, e.occurredAt])).toEqual([
      ['message', 'wxid_a', '2026-01-01T08:00:00+08:00'],
      ['member_joined', 'wxid_b', '2026-01-01T08:05:00+08:00'],
      ['message', 'wxid_b', 1767226200000],
      ['message', 'wxid_b', '2026-01-01T08:20:00+08:00'],
    ]);
    expect(events[0]!.message).toEqual({ kind: 'text', text: '大家好, 欢迎', length: 7 });
    expect(events[1]!.join).toEqual({ via: 'invite', inviterId: 'wxid_a' });
    expect((events[2]!.message as { kind: string }).kind).toBe('red_packet');
    expect((events[3]!.message as { text: string }).text).toBe('多行\n内容');
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
  });

  it('resumes from the byte offset after a row', async () => {
    const all = await collect('csv', file);
    const resumed = await collect('csv', file, { resume: { records: 2, offset: all[1]!.seekOffset } });
    expect(resumed.flatMap((r) => r.values).map((e) => e.eventId)).toEqual(all.slice(2).flatMap((r) => r.values).map((e) => e.eventId));
  });

  it('takes explicit column names and explains a missing column', async () => {
    const qq = path.join(dir, 'qq.csv');
    writeFileSync(qq, 'when,qun,who,what\n2026-01-02 09:00:00,123456,10001,hi\n');
    const recs = await collect('csv', qq, { csv: { platform: 'qq', columns: { time: 'when', group_id: 'qun', sender_id: 'who', content: 'what' } } });
    expect(recs[0]!.values[0]).toMatchObject({ platform: 'qq', groupId: '123456', memberId: '10001', message: { text: 'hi' } });
    await expect(collect('csv', qq)).rejects.toThrow(/no time column/);
  });
});

describe('ndjson', () => {
  it('keeps unreadable lines as raw bytes and resumes from an offset', async () => {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, '{"a":1}\n\n{"broken\n{"b":2}\n');
    const recs = await collect('ndjson', file);
    expect(recs.map((r) => r.values[0])).toEqual([{ a: 1 }, { raw: '{"broken' }, { b: 2 }]);
    const resumed = await collect('ndjson', file, { resume: { records: 1, offset: recs[0]!.seekOffset } });
    expect(resumed.map((r) => r.values[0])).toEqual([{ raw: '{"broken' }, { b: 2 }]);
  });
});

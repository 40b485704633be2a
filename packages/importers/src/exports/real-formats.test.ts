// The IRC, Zulip, WeChat and QQ readers on small samples shaped like the real files (committed in
// packages/importers/samples), malformed lines included: each bad line is rejected with a reason
// naming the field, and everything else validates against chat-event/v1.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateChatEvent } from '@qunpulse/contracts';
import { EXPORT_READERS, ircMemberId, parseIrcLine, type ExportFormat, type ReadOptions } from './index.js';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples');
const NOW = Date.UTC(2026, 5, 1);

interface Read { events: Record<string, unknown>[]; rejected: { origin: string; reason: string }[]; records: number }

async function read(format: ExportFormat, file: string, opts: Partial<ReadOptions> = {}): Promise<Read> {
  const out: Read = { events: [], rejected: [], records: 0 };
  for await (const r of EXPORT_READERS[format](path.join(SAMPLES, file), { tenantId: 'T', ...opts })) {
    out.records++;
    for (const item of r.items) {
      if ('invalid' in item) { out.rejected.push({ origin: path.basename(r.origin), reason: item.invalid.reason }); continue; }
      if (!('value' in item)) throw new Error('readers of these formats never hand over raw bytes');
      const v = validateChatEvent(item.value, NOW);
      if (v.ok) out.events.push(v.event as unknown as Record<string, unknown>);
      else out.rejected.push({ origin: path.basename(r.origin), reason: v.reason });
    }
  }
  return out;
}

const summary = (events: Record<string, unknown>[]) => events.map((e) => {
  const m = e.message as { text?: string; replyTo?: { memberId?: string }; mentions?: string[] } | undefined;
  return [e.type, e.groupId, e.memberId, new Date(e.occurredAt as number).toISOString(), m?.replyTo?.memberId ?? null, m?.mentions ?? null];
});

describe('IRC logs', () => {
  it('mIRC: messages, addressed replies, actions, first join; mode, nick, quit and topic lines carry no event', async () => {
    const r = await read('irc', 'mirc-#fx.log');
    expect(summary(r.events)).toEqual([
      ['member_joined', '#fx', 'dbaron', '2012-03-20T00:01:00.000Z', null, null],
      ['message', '#fx', 'dbaron', '2012-03-20T00:02:00.000Z', null, null],
      ['message', '#fx', 'krit', '2012-03-20T00:03:00.000Z', 'dbaron', null],
      ['message', '#fx', 'krit', '2012-03-20T00:04:00.000Z', null, null],
      // "dbaron|away" is dbaron; "krit, thanks" answers krit's latest message (the action).
      ['message', '#fx', 'dbaron', '2012-03-20T00:06:00.000Z', 'krit', null],
    ]);
    expect(r.rejected).toEqual([
      { origin: 'mirc-#fx.log:11', reason: 'time: "25:61" is not a time of day' },
      { origin: 'mirc-#fx.log:12', reason: 'nick: the message has an empty nick (<>)' },
      { origin: 'mirc-#fx.log:13', reason: 'line: not an IRC log line: no time stamp, date or session marker' },
    ]);
  });

  it('irssi: dates from "Log opened" and "Day changed", status-padded nicks, replies across the day change', async () => {
    const r = await read('irc', 'irssi-#whatwg.log');
    expect(summary(r.events)).toEqual([
      ['member_joined', '#whatwg', 'annevk', '2012-03-20T09:01:00.000Z', null, null],
      ['message', '#whatwg', 'annevk', '2012-03-20T09:02:00.000Z', null, null],
      ['message', '#whatwg', 'hixie', '2012-03-20T09:03:00.000Z', 'annevk', null],
      ['message', '#whatwg', 'hixie', '2012-03-20T09:05:00.000Z', null, null],
      ['message', '#whatwg', 'annevk', '2012-03-21T00:11:00.000Z', 'hixie', null],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('weechat: dated lines, op-prefixed nicks, join / quit / mode prefixes; a bad hour is rejected', async () => {
    const r = await read('irc', 'weechat-#html.log');
    expect(summary(r.events)).toEqual([
      ['member_joined', '#html', 'zcorpan', '2012-03-20T10:00:00.000Z', null, null],
      ['message', '#html', 'zcorpan', '2012-03-20T10:00:05.000Z', null, null],
      ['message', '#html', 'gsnedders', '2012-03-20T10:00:09.000Z', 'zcorpan', null],
    ]);
    expect(r.rejected).toEqual([{ origin: 'weechat-#html.log:7', reason: 'time: "2012-03-20 24:00:00" is not a time of day' }]);
  });

  it('a folder of ZNC logs and HTML renderings: date and channel from the file name or the page title, entities decoded', async () => {
    const r = await read('irc', 'irc');
    expect(summary(r.events)).toEqual([
      ['member_joined', '#testing', 'jgraham', '2012-03-20T09:00:00.000Z', null, null],
      ['message', '#testing', 'jgraham', '2012-03-20T09:00:01.000Z', null, null],
      ['message', '#testing', 'ms2ger', '2012-03-20T09:00:02.000Z', 'jgraham', null],
      ['message', '#whatwg', 'webben', '2006-12-02T00:00:00.000Z', null, null],
      ['message', '#whatwg', 'gsnedders', '2006-12-02T00:01:00.000Z', null, null],
      ['message', '#whatwg', 'webben', '2006-12-02T00:02:00.000Z', 'gsnedders', null],
    ]);
    expect((r.events[4]!.message as { text: string }).text).toBe("it's used in RSS & Atom");
  });

  it('irclog2html pages: the date and time from each row id, nick and text cells, events in one wide cell; a bad hour is named', async () => {
    const r = await read('irc', 'irclog2html');
    expect(summary(r.events)).toEqual([
      ['message', '#irclog2html', 'riz', '2016-03-21T03:33:01.000Z', null, null],
      ['member_joined', '#irclog2html', 'mckoan', '2016-03-21T08:20:23.000Z', null, null],
      ['message', '#irclog2html', 'mckoan', '2016-03-21T08:32:53.000Z', 'riz', null],
      ['message', '#irclog2html', 'rp', '2016-03-21T15:42:04.000Z', null, null],
      ['message', '#irclog2html', 'boucman_work', '2016-03-21T15:42:24.000Z', 'rp', null],
    ]);
    expect((r.events[0]!.message as { text: string }).text).toBe('How do I add a plugin to my <image>?');
    expect(r.rejected).toEqual([{ origin: '2016-03-21.yocto.irc.log.html:20', reason: expect.stringContaining('time') as unknown as string }]);
  });

  it('resumes after the records already handled, still answering messages read before the resume', async () => {
    const all = await read('irc', 'mirc-#fx.log');
    const resumed = await read('irc', 'mirc-#fx.log', { resume: { records: 4 } });
    expect(resumed.records).toBe(all.records - 4);
    expect(summary(resumed.events)).toEqual(summary(all.events).slice(3));
  });

  it('folds the away decorations and words people add to their nick into one member', () => {
    const folded = ['Dbaron', 'dbaron_', 'dbaron|away', 'dbaron^', 'dbaron-afk', 'dbaron_away', 'dbaron-bbl', 'dbaron|lunch', 'DBARON-Away2', 'dbaron_zzz'].map(ircMemberId);
    expect(new Set(folded)).toEqual(new Set(['dbaron']));
    // A word that is the nick itself, or part of it without a separator, is kept.
    expect(['away', 'checkout', 'boucman_work', 'not_gavin'].map(ircMemberId)).toEqual(['away', 'checkout', 'boucman_work', 'not_gavin']);
  });

  it('follows a nick change that adds a suffix until the session ends; another name keeps its own member', async () => {
    const r = await read('irc', 'nick-changes-#dev.log');
    expect(summary(r.events)).toEqual([
      ['member_joined', '#dev', 'bz', '2016-01-11T09:00:00.000Z', null, null],
      ['message', '#dev', 'bz', '2016-01-11T09:01:00.000Z', null, null],
      // bz renamed itself bz_weekend: addressed as bz_weekend, speaking as bz_weekend, it is bz.
      ['message', '#dev', 'smaug', '2016-01-11T09:03:00.000Z', 'bz', null],
      ['message', '#dev', 'bz', '2016-01-11T09:04:00.000Z', 'smaug', null],
      // A second rename in the same session still leads back to bz.
      ['message', '#dev', 'bz', '2016-01-11T09:06:00.000Z', null, null],
      // After the quit, whoever joins as bz_weekend is a new member.
      ['member_joined', '#dev', 'bz_weekend', '2016-01-11T10:00:00.000Z', null, null],
      ['message', '#dev', 'bz_weekend', '2016-01-11T10:01:00.000Z', null, null],
      // Changes to an unrelated or shorter name are not followed: each name keeps its own member.
      ['message', '#dev', 'dbaron', '2016-01-11T10:03:00.000Z', null, null],
      ['message', '#dev', 'paul', '2016-01-11T10:05:00.000Z', null, null],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('reads mode lines in every logger style, ChanServ and servers as setters', () => {
    expect(parseIrcLine('[10:05] * ChanServ sets mode: +o Ms2ger')).toEqual({ kind: 'mode', time: '10:05', nick: 'ChanServ', changes: [{ sign: '+', mode: 'o', arg: 'Ms2ger' }] });
    expect(parseIrcLine('23:32 -!- mode/#whatwg [+o paul_irish] by ChanServ')).toMatchObject({ kind: 'mode', nick: 'ChanServ', changes: [{ sign: '+', mode: 'o', arg: 'paul_irish' }] });
    expect(parseIrcLine('2012-03-20 10:00:10\t--\tMode #html [+ov-b a b c!*@*] by ChanServ')).toMatchObject({
      kind: 'mode', changes: [{ sign: '+', mode: 'o', arg: 'a' }, { sign: '+', mode: 'v', arg: 'b' }, { sign: '-', mode: 'b', arg: 'c!*@*' }],
    });
    expect(parseIrcLine('[21:06] * irc.freenode.net sets mode: +o kingryan')).toMatchObject({ kind: 'mode', nick: 'irc.freenode.net' });
    expect(parseIrcLine('\u000303[19:02] * Joins: andr3 (~andr3@194.65.5.235)')).toEqual({ kind: 'join', time: '19:02', nick: 'andr3' });
  });
});

describe('zulip-archive JSON', () => {
  it('streams are groups, quotes are replies to the quoted message, @-mentions name members; bad fields are named', async () => {
    const r = await read('zulip', 'zulip_json');
    expect(summary(r.events)).toEqual([
      ['message', 'general', 'Ada Newcomer', '2020-09-13T12:26:40.000Z', null, null],
      ['message', 'general', 'Cliff', '2020-09-13T12:28:20.000Z', null, ['Ada Newcomer', 'Sean']],
      ['message', 'general', 'Ada Newcomer', '2020-09-13T12:31:40.000Z', 'Cliff', null],
      ['message', 'help', '201', '2020-09-13T12:32:30.000Z', null, ['Sean']],
    ]);
    expect((r.events[2]!.message as { replyTo: unknown }).replyTo).toEqual({ eventId: '1002', memberId: 'Cliff' });
    expect(r.rejected.map((x) => x.origin)).toEqual(['build.20fails.json#1005', 'build.20fails.json#1006']);
    expect(r.rejected[0]!.reason).toMatch(/^occurredAt/);
    expect(r.rejected[1]!.reason).toBe('memberId must not be empty');
  });
});

describe('WeChat desktop exports', () => {
  it('CSV: numeric types, invitations, @-mentions resolved by nickname, quoted replies, red packets; bad rows named', async () => {
    const r = await read('wechat', 'wechat-12345.csv');
    expect(summary(r.events)).toEqual([
      ['member_joined', '12345@chatroom', 'name:李四', '2024-01-01T00:00:00.000Z', null, null],
      ['member_joined', '12345@chatroom', 'name:王五', '2024-01-01T00:00:00.000Z', null, null],
      ['message', '12345@chatroom', 'wxid_lisi', '2024-01-01T00:01:00.000Z', null, null],
      ['message', '12345@chatroom', 'wxid_zhangsan', '2024-01-01T00:02:00.000Z', null, ['wxid_lisi']],
      ['message', '12345@chatroom', 'wxid_wangwu', '2024-01-01T00:03:00.000Z', null, null],
      ['message', '12345@chatroom', 'wxid_lisi', '2024-01-01T00:04:00.000Z', 'wxid_zhangsan', null],
      ['message', '12345@chatroom', 'wxid_zhangsan', '2024-01-01T00:05:00.000Z', null, null],
    ]);
    expect(r.events[0]!.join).toEqual({ via: 'invite', inviterId: 'name:张三' });
    expect((r.events[4]!.message as { kind: string }).kind).toBe('image');
    expect((r.events[6]!.message as { kind: string }).kind).toBe('red_packet');
    expect(r.rejected).toHaveLength(3);
    expect(r.rejected[0]!.reason).toMatch(/^occurredAt must be ISO-8601/);
    expect(r.rejected[1]!.reason).toMatch(/^type: "9999" is not a WeChat message type/);
    expect(r.rejected[2]!.reason).toBe('groupId must not be empty');
  });

  it('JSON: QR-code joins credit the member who shared the code; removals name who removed', async () => {
    const r = await read('wechat', 'wechat-12345.json');
    expect(summary(r.events).map((e) => e.slice(0, 3))).toEqual([
      ['message', '888@chatroom', 'wxid_xm'], ['message', '888@chatroom', 'wxid_xh'],
      ['member_joined', '888@chatroom', 'name:小刚'], ['member_left', '888@chatroom', 'name:小刚'],
    ]);
    expect((r.events[1]!.message as { mentions: string[] }).mentions).toEqual(['wxid_xm']);
    expect(r.events[2]!.join).toEqual({ via: 'qr_code', inviterId: 'wxid_xm' });
    expect(r.events[3]!.leave).toEqual({ reason: 'removed', byId: 'wxid_xm' });
  });
});

describe('QQ message-record text export', () => {
  it('multi-line messages, titles and e-mail senders, system joins and leaves, China time; a bad time is named', async () => {
    const r = await read('qq', 'qq-group.txt');
    expect(summary(r.events)).toEqual([
      ['message', '前端技术交流群', '123456789', '2016-05-04T02:20:33.000Z', null, null],
      ['message', '前端技术交流群', 'lisi@example.com', '2016-05-04T02:21:01.000Z', null, ['123456789']],
      ['member_joined', '前端技术交流群', '55555', '2016-05-04T02:22:10.000Z', null, null],
      ['message', '前端技术交流群', '55555', '2016-05-04T02:23:45.000Z', null, null],
      ['member_left', '前端技术交流群', 'lisi@example.com', '2016-05-04T02:25:00.000Z', null, null],
    ]);
    expect((r.events[1]!.message as { text: string }).text).toBe('@张三 太好了\n第二行内容');
    expect((r.events[3]!.message as { kind: string }).kind).toBe('image');
    expect(r.rejected).toEqual([{ origin: 'qq-group.txt:22', reason: 'occurredAt is not a real date: "2016-05-04T25:99:00+08:00" (the time of day does not exist)' }]);
  });

  it('rejects messages before any "消息对象:" line, naming the group', async () => {
    const r = await read('qq', 'qq-nogroup.txt');
    expect(r.events).toEqual([]);
    expect(r.rejected).toEqual([{ origin: 'qq-nogroup.txt:1', reason: 'groupId: no "消息对象:" line names the group before this message' }]);
  });
});

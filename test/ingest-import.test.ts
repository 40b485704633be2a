// `qunpulse import` through the real broker and event store into embedded ClickHouse: each export
// format lands with its events; an import that crashes half-way resumes from its checkpoint and
// ends with every valid event stored once and every count adding up.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEventStore, type EventStore } from '@qunpulse/event-store';
import { pseudonymise } from '@qunpulse/importers';
import type { KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { runImport } from '../services/cli/src/import/run-import.js';
import { testBus, testWarehouse, uniqueName } from './support/kit.js';
import { readTopic, storedCount, waitStored } from './support/ingest.js';
import { HEADERS } from '@qunpulse/contracts';

const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-import-'));
const checkpointDir = path.join(dir, 'checkpoints');
const DAY = 86_400;
const t0 = Math.floor(Date.now() / 1000) - 10 * DAY;

describe('qunpulse import', () => {
  let bus: KafkaBus;
  let warehouse: Warehouse;
  let store: EventStore;
  beforeAll(async () => {
    bus = await testBus('import');
    warehouse = await testWarehouse();
    store = await startEventStore({ bus, warehouse, log: silentLogger(), groupId: uniqueName('store') });
  });
  afterAll(async () => {
    await store?.stop();
    await bus?.close();
    await warehouse?.close();
  });

  it('imports Telegram, Slack, Discord and CSV exports with the tenant privacy rules', async () => {
    const tg = path.join(dir, 'result.json');
    writeFileSync(tg, JSON.stringify({ name: 'G', type: 'public_supergroup', id: 42, messages: [
      { id: 1, type: 'service', date_unixtime: String(t0), actor_id: 'user1', action: 'join_group_by_link', text: '' },
      { id: 2, type: 'message', date_unixtime: String(t0 + 60), from_id: 'user1', text: 'see https://x.example', text_entities: [] },
      { id: 3, type: 'message', date_unixtime: String(t0 + 120), from_id: 'user2', reply_to_message_id: 2, text: 'ok', text_entities: [] },
    ] }));
    const slack = path.join(dir, 'slack');
    mkdirSync(path.join(slack, 'general'), { recursive: true });
    writeFileSync(path.join(slack, 'channels.json'), JSON.stringify([{ id: 'C1', name: 'general' }]));
    writeFileSync(path.join(slack, 'general', '2026-01-01.json'), JSON.stringify([
      { type: 'message', subtype: 'channel_join', user: 'U1', ts: `${t0}.000100` },
      { type: 'message', user: 'U1', text: 'hello', ts: `${t0 + 10}.000200` },
      { type: 'message', subtype: 'message_changed', ts: `${t0 + 11}.000200` },
    ]));
    const discord = path.join(dir, 'discord.json');
    writeFileSync(discord, JSON.stringify({ guild: { id: '800' }, channel: { id: '900' }, messages: [
      { id: '1', type: 'Default', timestamp: new Date(t0 * 1000).toISOString(), content: 'a', author: { id: '5' }, mentions: [], reactions: [{ emoji: { name: '🔥' }, users: [{ id: '6' }] }] },
    ] }));
    const csv = path.join(dir, 'qq.csv');
    writeFileSync(csv, `时间,群号,QQ号,内容\n${t0},9001,10001,早上好\n${t0 + 5},9001,10002,\n`);

    const policy = { keepText: false, pseudonymKey: 'acme-key-123' };
    const policies = () => policy;
    const runs = [
      await runImport(bus, { format: 'telegram', files: [tg], tenantId: 'acme', policies, checkpointDir, quiet: true }),
      await runImport(bus, { format: 'slack', files: [slack], tenantId: 'acme', policies, checkpointDir, quiet: true }),
      await runImport(bus, { format: 'discord', files: [discord], tenantId: 'acme', policies, checkpointDir, quiet: true }),
      await runImport(bus, { format: 'csv', files: [csv], tenantId: 'acme', policies, checkpointDir, quiet: true, csv: { platform: 'qq' } }),
    ];
    expect(runs.map((r) => [r.accepted, r.rejected])).toEqual([[3, 0], [2, 0], [2, 0], [2, 0]]);
    expect(runs[1]!.files[0]!.ignored).toBe(1);
    await waitStored(warehouse, 9, "tenant_id = 'acme'");
    const rows = await warehouse.query<{ platform: string; type: string; n: number }>(
      "SELECT platform, type, count() AS n FROM chat_events FINAL WHERE tenant_id = 'acme' GROUP BY platform, type ORDER BY platform, type");
    expect(rows).toEqual([
      { platform: 'discord', type: 'message', n: 1 }, { platform: 'discord', type: 'reaction', n: 1 },
      { platform: 'qq', type: 'message', n: 2 },
      { platform: 'slack', type: 'member_joined', n: 1 }, { platform: 'slack', type: 'message', n: 1 },
      { platform: 'telegram', type: 'member_joined', n: 1 }, { platform: 'telegram', type: 'message', n: 2 },
    ]);
    const [msg] = await warehouse.query<{ member_id: string; message_text: string; has_link: number; group_id: string }>(
      "SELECT member_id, message_text, has_link, group_id FROM chat_events FINAL WHERE platform = 'telegram' AND event_id = '2'");
    expect(msg).toEqual({ member_id: pseudonymise('1', policy.pseudonymKey), message_text: '', has_link: 1, group_id: '-10042' });
    // Finished imports leave no checkpoint behind.
    expect(existsSync(checkpointDir) ? readdirSync(checkpointDir) : []).toEqual([]);
  });

  it('imports IRC logs, a zulip-archive, WeChat and QQ exports; each malformed line is dead-lettered with its reason', async () => {
    const samples = path.resolve(import.meta.dirname, '../packages/importers/samples');
    const policy = { keepText: false, pseudonymKey: 'realfmt-key-1' };
    const policies = () => policy;
    const tenantId = uniqueName('realfmt').replace(/[^A-Za-z0-9._-]/g, '_');
    const runs = [
      await runImport(bus, { format: 'irc', files: [path.join(samples, 'mirc-#fx.log'), path.join(samples, 'irc')], tenantId, policies, checkpointDir, quiet: true }),
      await runImport(bus, { format: 'zulip', files: [path.join(samples, 'zulip_json')], tenantId, policies, checkpointDir, quiet: true }),
      await runImport(bus, { format: 'wechat', files: [path.join(samples, 'wechat-12345.csv')], tenantId, policies, checkpointDir, quiet: true }),
      await runImport(bus, { format: 'qq', files: [path.join(samples, 'qq-group.txt')], tenantId, policies, checkpointDir, quiet: true }),
    ];
    expect(runs.map((r) => [r.accepted, r.rejected])).toEqual([[5 + 6, 3], [4, 2], [7, 3], [5, 1]]);
    expect(runs[0]!.reasons).toEqual({
      'time: "25:61" is not a time of day': 1, 'nick: the message has an empty nick (<>)': 1,
      'line: not an IRC log line: no time stamp, date or session marker': 1,
    });
    await waitStored(warehouse, 27, `tenant_id = '${tenantId}'`);
    const rows = await warehouse.query<{ platform: string; n: number }>(
      `SELECT platform, count() AS n FROM chat_events FINAL WHERE tenant_id = '${tenantId}' GROUP BY platform ORDER BY platform`);
    expect(rows).toEqual([{ platform: 'irc', n: 11 }, { platform: 'qq', n: 5 }, { platform: 'wechat', n: 7 }, { platform: 'zulip', n: 4 }]);
    // Privacy as for every import: text dropped, member ids pseudonymised, links still noted.
    const [irc] = await warehouse.query<{ member_id: string; message_text: string; has_link: number }>(
      `SELECT member_id, message_text, has_link FROM chat_events FINAL WHERE tenant_id = '${tenantId}' AND event_id = '#whatwg:2006-12-02:4'`);
    expect(irc).toEqual({ member_id: pseudonymise('webben', policy.pseudonymKey), message_text: '', has_link: 1 });
  });

  it('resumes a crashed NDJSON import from its checkpoint: every valid event once, counts add up', async () => {
    const file = path.join(dir, 'big.ndjson');
    const TOTAL = 20_000;
    let valid = 0;
    const lines: string[] = [];
    for (let i = 0; i < TOTAL; i++) {
      if (i % 97 === 5) { lines.push(i % 2 ? '{"eventId": ' : JSON.stringify({ eventId: `r-${i}`, tenantId: 'resume', platform: 'wecom', groupId: 'g', type: 'member_joined', occurredAt: '1999-01-01T00:00:00Z', memberId: 'm' })); continue; }
      valid++;
      lines.push(JSON.stringify({ eventId: `r-${i}`, tenantId: 'resume', platform: 'wecom', groupId: `g-${i % 7}`, memberId: `m-${i % 300}`, type: 'message', occurredAt: (t0 + i) * 1000, message: { kind: 'text', length: i % 40 } }));
    }
    writeFileSync(file, lines.join('\n') + '\n');
    let seen = 0;
    const crash = () => { if (++seen === 7_500) throw new Error('simulated crash'); return false; };
    await expect(runImport(bus, { format: 'ndjson', files: [file], checkpointDir, quiet: true, flushEvery: 1_000, shouldStop: crash })).rejects.toThrow('simulated crash');
    expect(readdirSync(checkpointDir)).toHaveLength(1);

    const resumed = await runImport(bus, { format: 'ndjson', files: [file], checkpointDir, quiet: true, flushEvery: 1_000 });
    expect(resumed.files[0]!.resumedAfter).toBe(7_000);
    expect(resumed.accepted).toBe(valid);
    expect(resumed.rejected).toBe(TOTAL - valid);
    expect(resumed.accepted + resumed.rejected).toBe(TOTAL);
    expect(Object.keys(resumed.reasons).some((r) => r.includes('malformed JSON'))).toBe(true);
    expect(Object.keys(resumed.reasons).some((r) => r.includes('before 2000'))).toBe(true);
    expect(readdirSync(checkpointDir)).toEqual([]);
    await waitStored(warehouse, valid, "tenant_id = 'resume'");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await storedCount(warehouse, "tenant_id = 'resume'")).toBe(valid);
    // The topic also holds the earlier tests' dead letters: count this file's (each line once).
    const dead = (await readTopic(bus, bus.topics.deadLetter, TOTAL - valid)).filter((r) => r.headers[HEADERS.dlqOrigin]?.includes('big.ndjson'));
    expect(dead.length).toBe(TOTAL - valid);
  });
});

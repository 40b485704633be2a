// Platform webhooks over real HTTP into the real broker and embedded ClickHouse: each platform's
// signed delivery is stored, a replayed delivery is stored once, a bad signature is answered 401.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDiscordRelay, wecomEncrypt, wecomSignature } from '@qunpulse/importers';
import { startIngestHarness, storedCount, waitStored, type IngestHarness } from './support/ingest.js';

const secrets = {
  telegram: { secretToken: 'tg-secret-token-123' },
  slack: { signingSecret: 'slack-signing-secret-abc' },
  discord: { relaySecret: 'discord-relay-secret-xyz' },
  wecom: { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' },
};
const tenants = { tenants: [{ id: 'hooks', tokenHashes: [], webhooks: secrets }, { id: 'plain', tokenHashes: [] }] };
const nowS = Math.floor(Date.now() / 1000);
const iso = (s: number) => new Date(s * 1000).toISOString();

async function deliver(url: string, path: string, body: string, headers: Record<string, string>, method = 'POST') {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(method === 'POST' ? { body } : {}) });
  return { status: res.status, text: await res.text() };
}

async function deliverTwice(url: string, path: string, body: string, headers: Record<string, string>): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const r = await deliver(url, path, body, headers);
    expect(r.status, r.text).toBe(200);
  }
}

describe('platform webhooks', () => {
  let h: IngestHarness;
  beforeAll(async () => { h = await startIngestHarness(tenants); });
  afterAll(async () => { await h?.close(); });

  it('telegram: stores a reply with mentions and a join once each, refuses a wrong secret token', async () => {
    const chat = { id: -100777, title: 'Growth', type: 'supergroup' };
    const msg = JSON.stringify({ update_id: 9001, message: { message_id: 12, date: nowS - 60, chat, from: { id: 1, is_bot: false, first_name: 'A' }, text: 'hey @bob', entities: [{ type: 'mention', offset: 4, length: 4 }], reply_to_message: { message_id: 11, date: nowS - 120, chat, from: { id: 2, is_bot: false, first_name: 'B' } } } });
    const join = JSON.stringify({ update_id: 9002, message: { message_id: 13, date: nowS - 30, chat, from: { id: 1, is_bot: false, first_name: 'A' }, new_chat_members: [{ id: 3, is_bot: false, first_name: 'C' }] } });
    const headers = { 'x-telegram-bot-api-secret-token': secrets.telegram.secretToken };
    await deliverTwice(h.url, '/v1/webhooks/telegram/hooks', msg, headers);
    await deliverTwice(h.url, '/v1/webhooks/telegram/hooks', join, headers);
    expect((await deliver(h.url, '/v1/webhooks/telegram/hooks', msg, { 'x-telegram-bot-api-secret-token': 'nope' })).status).toBe(401);
    expect((await deliver(h.url, '/v1/webhooks/telegram/plain', msg, headers)).status).toBe(404);
    await waitStored(h.warehouse, 2, "platform = 'telegram'");
    const rows = await h.warehouse.query<{ type: string; reply_to_member_id: string; mentions: string[]; inviter_id: string }>(
      "SELECT type, reply_to_member_id, mentions, inviter_id FROM chat_events FINAL WHERE platform = 'telegram' ORDER BY type");
    expect(rows).toEqual([
      { type: 'member_joined', reply_to_member_id: '', mentions: [], inviter_id: '1' },
      { type: 'message', reply_to_member_id: '2', mentions: ['@bob'], inviter_id: '' },
    ]);
  });

  it('slack: answers url_verification, stores events once, refuses bad and stale signatures', async () => {
    const sign = (body: string, ts = String(nowS)) => ({
      'x-slack-request-timestamp': ts,
      'x-slack-signature': 'v0=' + createHmac('sha256', secrets.slack.signingSecret).update(`v0:${ts}:${body}`).digest('hex'),
    });
    const challenge = JSON.stringify({ token: 't', challenge: 'ch-123', type: 'url_verification' });
    const c = await deliver(h.url, '/v1/webhooks/slack/hooks', challenge, sign(challenge));
    expect(JSON.parse(c.text)).toEqual({ challenge: 'ch-123' });
    const env = (event: object, id: string) => JSON.stringify({ token: 't', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: id, event_time: nowS, event });
    const reply = env({ type: 'message', channel: 'C9', user: 'U2', text: 'yes <@U3>', ts: `${nowS - 5}.000200`, thread_ts: `${nowS - 50}.000100`, parent_user_id: 'U1' }, 'Ev1');
    const joined = env({ type: 'member_joined_channel', user: 'U4', channel: 'C9', channel_type: 'C', team: 'T1', event_ts: `${nowS - 4}.000300` }, 'Ev2');
    const left = env({ type: 'member_left_channel', user: 'U5', channel: 'C9', channel_type: 'C', team: 'T1', event_ts: `${nowS - 3}.000400` }, 'Ev3');
    const reacted = env({ type: 'reaction_added', user: 'U3', reaction: 'tada', item_user: 'U2', item: { type: 'message', channel: 'C9', ts: `${nowS - 5}.000200` }, event_ts: `${nowS - 2}.000500` }, 'Ev4');
    for (const body of [reply, joined, left, reacted]) await deliverTwice(h.url, '/v1/webhooks/slack/hooks', body, sign(body));
    expect((await deliver(h.url, '/v1/webhooks/slack/hooks', reply, { ...sign(reply), 'x-slack-signature': 'v0=' + '0'.repeat(64) })).status).toBe(401);
    expect((await deliver(h.url, '/v1/webhooks/slack/hooks', reply, sign(reply, String(nowS - 3_600)))).status).toBe(401);
    await waitStored(h.warehouse, 4, "platform = 'slack'");
    const rows = await h.warehouse.query<{ type: string; n: number }>("SELECT type, count() AS n FROM chat_events FINAL WHERE platform = 'slack' GROUP BY type ORDER BY type");
    expect(rows).toEqual([{ type: 'member_joined', n: 1 }, { type: 'member_left', n: 1 }, { type: 'message', n: 1 }, { type: 'reaction', n: 1 }]);
  });

  it('discord: stores relayed dispatches once, refuses a bad relay signature', async () => {
    const ts = String(nowS);
    const sign = (body: string) => ({ 'x-qunpulse-timestamp': ts, 'x-qunpulse-signature': signDiscordRelay(body, ts, secrets.discord.relaySecret) });
    const bodies = [
      { op: 0, s: 1, t: 'MESSAGE_CREATE', received_at: iso(nowS - 10), d: { id: '5001', channel_id: '10', guild_id: '77', content: 'hi <@8>', timestamp: iso(nowS - 10), author: { id: '9' }, mentions: [{ id: '8' }], message_reference: { message_id: '5000' }, referenced_message: { author: { id: '8' } } } },
      { op: 0, s: 2, t: 'GUILD_MEMBER_ADD', received_at: iso(nowS - 9), d: { guild_id: '77', joined_at: iso(nowS - 9), user: { id: '12' } } },
      { op: 0, s: 3, t: 'GUILD_MEMBER_REMOVE', received_at: iso(nowS - 8), d: { guild_id: '77', user: { id: '13' } } },
      { op: 0, s: 4, t: 'MESSAGE_REACTION_ADD', received_at: iso(nowS - 7), d: { user_id: '8', channel_id: '10', message_id: '5001', guild_id: '77', message_author_id: '9', emoji: { id: null, name: '👍' } } },
    ].map((b) => JSON.stringify(b));
    for (const body of bodies) await deliverTwice(h.url, '/v1/webhooks/discord/hooks', body, sign(body));
    expect((await deliver(h.url, '/v1/webhooks/discord/hooks', bodies[0]!, { ...sign(bodies[1]!) })).status).toBe(401);
    await waitStored(h.warehouse, 4, "platform = 'discord'");
    expect(await storedCount(h.warehouse, "platform = 'discord' AND group_id = '77'")).toBe(4);
    const [msg] = await h.warehouse.query<{ reply_to_event_id: string; mentions: string[] }>("SELECT reply_to_event_id, mentions FROM chat_events FINAL WHERE platform = 'discord' AND type = 'message'");
    expect(msg).toEqual({ reply_to_event_id: '5000', mentions: ['8'] });
  });

  it('wecom: answers URL verification, decrypts group changes, stores them once, refuses a bad msg_signature', async () => {
    const creds = { token: secrets.wecom.token, encodingAesKey: secrets.wecom.encodingAesKey, receiveId: secrets.wecom.corpId };
    const q = (encrypt: string, extra = '') => `timestamp=${nowS}&nonce=42&msg_signature=${wecomSignature(creds.token, String(nowS), '42', encrypt)}${extra}`;
    const echostr = wecomEncrypt(creds, 'echo-9981');
    const echo = await deliver(h.url, `/v1/webhooks/wecom/hooks?${q(echostr, `&echostr=${encodeURIComponent(echostr)}`)}`, '', {}, 'GET');
    expect(echo).toEqual({ status: 200, text: 'echo-9981' });
    const xml = (inner: string, t: number) => `<xml><ToUserName><![CDATA[${creds.receiveId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${t}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wrChat1]]></ChatId>${inner}</xml>`;
    const deliveries = [
      xml('<ChangeType><![CDATA[create]]></ChangeType>', nowS - 100),
      xml('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>3</JoinScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item>wmA</Item><Item>wmB</Item></MemChangeList>', nowS - 90),
      xml('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[del_member]]></UpdateDetail><QuitScene>1</QuitScene><MemChangeCnt>1</MemChangeCnt><MemChangeList><Item>wmB</Item></MemChangeList>', nowS - 80),
      xml('<ChangeType><![CDATA[dismiss]]></ChangeType>', nowS - 70),
    ];
    for (const inner of deliveries) {
      const encrypt = wecomEncrypt(creds, inner);
      const envelope = `<xml><ToUserName><![CDATA[${creds.receiveId}]]></ToUserName><AgentID><![CDATA[1]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
      for (let i = 0; i < 2; i++) {
        const r = await deliver(h.url, `/v1/webhooks/wecom/hooks?${q(encrypt)}`, envelope, { 'content-type': 'text/xml' });
        expect(r).toEqual({ status: 200, text: 'success' });
      }
      const bad = await deliver(h.url, `/v1/webhooks/wecom/hooks?timestamp=${nowS}&nonce=43&msg_signature=${wecomSignature(creds.token, String(nowS), '42', encrypt)}`, envelope, {});
      expect(bad.status).toBe(401);
    }
    await waitStored(h.warehouse, 5, "platform = 'wecom'");
    const rows = await h.warehouse.query<{ type: string; member_id: string; join_via: string; leave_reason: string }>(
      "SELECT type, member_id, join_via, leave_reason FROM chat_events FINAL WHERE platform = 'wecom' ORDER BY occurred_at, member_id");
    expect(rows).toEqual([
      { type: 'group_created', member_id: '', join_via: '', leave_reason: '' },
      { type: 'member_joined', member_id: 'wmA', join_via: 'qr_code', leave_reason: '' },
      { type: 'member_joined', member_id: 'wmB', join_via: 'qr_code', leave_reason: '' },
      { type: 'member_left', member_id: 'wmB', join_via: '', leave_reason: 'removed' },
      { type: 'group_dissolved', member_id: '', join_via: '', leave_reason: '' },
    ]);
  });
});

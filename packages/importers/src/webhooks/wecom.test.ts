import { describe, expect, it } from 'vitest';
import { convertWecomEvent, wecomEcho, wecomOpen } from './wecom.js';
import { wecomDecrypt, wecomEncrypt, wecomSignature } from './wecom-crypto.js';

/** The documented sample's timestamp, 1409659813 s: the tests' clock stands there. */
const NOW_MS = 1409659813_000;
const creds = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: 'wx5823bf96d3bd56c7' };

function envelope(xml: string) {
  const encrypt = wecomEncrypt(creds, xml);
  const timestamp = '1409659813';
  const nonce = '1372623149';
  return {
    query: { msg_signature: wecomSignature(creds.token, timestamp, nonce, encrypt), timestamp, nonce },
    body: `<xml><ToUserName><![CDATA[${creds.receiveId}]]></ToUserName><AgentID><![CDATA[218]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  };
}

const change = (inner: string) => `<xml><ToUserName><![CDATA[${creds.receiveId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1767225600</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event>
<ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId>${inner}</xml>`;

describe('wecom callbacks', () => {
  it('round-trips the documented AES scheme with 32-byte PKCS#7 padding', () => {
    const enc = wecomEncrypt(creds, 'hello 企业微信');
    expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
    expect(wecomDecrypt(creds, enc)).toBe('hello 企业微信');
    expect(() => wecomDecrypt({ ...creds, receiveId: 'other' }, enc)).toThrow(/receiveid/);
  });

  it('answers URL verification and rejects a wrong signature', () => {
    const echostr = wecomEncrypt(creds, '1616140317555161061');
    const q = { timestamp: '1409659800', nonce: '2', echostr, msg_signature: wecomSignature(creds.token, '1409659800', '2', echostr) };
    expect(wecomEcho(creds, q, NOW_MS)).toBe('1616140317555161061');
    expect(() => wecomEcho(creds, { ...q, msg_signature: 'f'.repeat(40) }, NOW_MS)).toThrow(/msg_signature/);
  });

  it('maps add_member with JoinScene and MemChangeList', () => {
    const { query, body } = envelope(change('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>3</JoinScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item>wmA</Item><Item>wmB</Item></MemChangeList><LastMemVer><![CDATA[v1]]></LastMemVer><CurMemVer><![CDATA[v2]]></CurMemVer>'));
    const r = convertWecomEvent('t', wecomOpen(creds, query, body, NOW_MS));
    expect(r.events).toEqual(['wmA', 'wmB'].map((m) => ({
      tenantId: 't', platform: 'wecom', groupId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA', occurredAt: 1767225600000,
      type: 'member_joined', eventId: `member_joined:${m}:1767225600000`, memberId: m, join: { via: 'qr_code' },
    })));
  });

  it('maps del_member with QuitScene, create, name changes and dismiss', () => {
    const del = convertWecomEvent('t', change('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[del_member]]></UpdateDetail><QuitScene>1</QuitScene><MemChangeList><Item>wmA</Item></MemChangeList>'));
    expect(del.events[0]).toMatchObject({ type: 'member_left', memberId: 'wmA', leave: { reason: 'removed' } });
    const quit = convertWecomEvent('t', change('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[del_member]]></UpdateDetail><QuitScene>0</QuitScene><MemChangeList><Item>wmB</Item></MemChangeList>'));
    expect(quit.events[0]).toMatchObject({ leave: { reason: 'quit' } });
    expect(convertWecomEvent('t', change('<ChangeType><![CDATA[create]]></ChangeType>')).events[0]).toMatchObject({ type: 'group_created' });
    expect(convertWecomEvent('t', change('<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[change_name]]></UpdateDetail>')).events[0]).toMatchObject({ type: 'group_updated', eventId: 'group_updated:change_name:1767225600' });
    expect(convertWecomEvent('t', change('<ChangeType><![CDATA[dismiss]]></ChangeType>')).events[0]).toMatchObject({ type: 'group_dissolved' });
  });

  it('rejects a tampered envelope', () => {
    const { query, body } = envelope(change('<ChangeType><![CDATA[dismiss]]></ChangeType>'));
    expect(() => wecomOpen(creds, { ...query, nonce: '9' }, body, NOW_MS)).toThrow(/msg_signature/);
  });

  it('refuses a correctly signed delivery stamped outside the 300 s window (replay)', () => {
    const { query, body } = envelope(change('<ChangeType><![CDATA[dismiss]]></ChangeType>'));
    expect(wecomOpen(creds, query, body, NOW_MS + 299_000)).toContain('dismiss');
    expect(() => wecomOpen(creds, query, body, NOW_MS + 301_000)).toThrow(/timestamp is more than 300 s away/);
    expect(() => wecomOpen(creds, query, body, NOW_MS - 301_000)).toThrow(/replay protection/);
    expect(() => wecomOpen(creds, { ...query, timestamp: '2017-01-01' }, body, NOW_MS)).toThrow(/epoch seconds/);
  });
});

// WeCom customer-group (客户群) change callbacks: Event=change_external_chat with
// ChangeType create / update / dismiss; updates carry UpdateDetail (add_member, del_member,
// change_owner, change_name, change_notice), JoinScene / QuitScene and MemChangeList.
import type { ChatEventInput, JoinVia } from '@qunpulse/contracts';
import { verifyWecomSignature, wecomDecrypt, type WecomCredentials } from './wecom-crypto.js';
import { PayloadError, type Converted } from './types.js';

/** Reads the flat XML WeCom sends: `<Tag><![CDATA[v]]></Tag>` or `<Tag>v</Tag>`, plus `<Item>` lists. */
export function wecomXmlField(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
  if (!m) return undefined;
  return m[1] ?? m[2]!.trim();
}

export function wecomXmlItems(xml: string, tag: string): string[] {
  const list = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1];
  if (!list) return [];
  return [...list.matchAll(/<Item>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))\s*<\/Item>/g)].map((m) => (m[1] ?? m[2]!).trim()).filter(Boolean);
}

/** JoinScene: 0 invited directly by a member, 1 via a member's invitation link, 3 by scanning the group QR code. */
const JOIN_SCENES: Record<string, JoinVia> = { '0': 'invite', '1': 'link', '3': 'qr_code' };

export interface WecomQuery { msg_signature?: string; timestamp?: string; nonce?: string; echostr?: string }

/** URL verification (GET): checks the signature of echostr and returns its decrypted plaintext. */
export function wecomEcho(creds: WecomCredentials, q: WecomQuery, nowMs: number = Date.now()): string {
  if (!q.echostr) throw new PayloadError('echostr: required for URL verification');
  verifyWecomSignature(creds, q, q.echostr, nowMs);
  return wecomDecrypt(creds, q.echostr);
}

/** Verifies and decrypts one POSTed envelope, returning the inner XML. */
export function wecomOpen(creds: WecomCredentials, q: WecomQuery, body: string, nowMs: number = Date.now()): string {
  const encrypt = wecomXmlField(body, 'Encrypt');
  if (!encrypt) throw new PayloadError('Encrypt: the XML envelope has no Encrypt element');
  verifyWecomSignature(creds, q, encrypt, nowMs);
  return wecomDecrypt(creds, encrypt);
}

export function convertWecomEvent(tenantId: string, xml: string): Converted {
  const event = wecomXmlField(xml, 'Event');
  if (event !== 'change_external_chat') return { events: [], ignored: [`Event ${event ?? '(none)'} is not ingested`] };
  const chatId = wecomXmlField(xml, 'ChatId');
  const created = wecomXmlField(xml, 'CreateTime');
  const change = wecomXmlField(xml, 'ChangeType');
  if (!chatId) throw new PayloadError('ChatId: required');
  if (!created || !/^\d+$/.test(created)) throw new PayloadError('CreateTime: expected epoch seconds');
  const at = Number(created) * 1000;
  const base = { tenantId, platform: 'wecom' as const, groupId: chatId, occurredAt: at };
  switch (change) {
    case 'create':
      return { ignored: [], events: [{ ...base, type: 'group_created', eventId: `group_created:${created}` }] };
    case 'dismiss':
      return { ignored: [], events: [{ ...base, type: 'group_dissolved', eventId: `group_dissolved:${created}` }] };
    case 'update': {
      const detail = wecomXmlField(xml, 'UpdateDetail') ?? '';
      const members = wecomXmlItems(xml, 'MemChangeList');
      if (detail === 'add_member' || detail === 'del_member') {
        if (!members.length) return { events: [], ignored: [`${detail} without MemChangeList: members unknown`] };
        const events: ChatEventInput[] = members.map((member) => detail === 'add_member'
          ? { ...base, type: 'member_joined', eventId: `member_joined:${member}:${at}`, memberId: member, join: { via: JOIN_SCENES[wecomXmlField(xml, 'JoinScene') ?? ''] ?? 'unknown' } }
          : { ...base, type: 'member_left', eventId: `member_left:${member}:${at}`, memberId: member, leave: { reason: wecomXmlField(xml, 'QuitScene') === '1' ? 'removed' : wecomXmlField(xml, 'QuitScene') === '0' ? 'quit' : 'unknown' } });
        return { events, ignored: [] };
      }
      return { ignored: [], events: [{ ...base, type: 'group_updated', eventId: `group_updated:${detail}:${created}` }] };
    }
    default:
      throw new PayloadError(`ChangeType: expected create, update or dismiss, got ${JSON.stringify(change ?? '')}`);
  }
}

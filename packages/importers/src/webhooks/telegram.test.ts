import { describe, expect, it } from 'vitest';
import { convertTelegramUpdate, verifyTelegram } from './telegram.js';
import { SignatureError } from './types.js';

// Shapes from https://core.telegram.org/bots/api#update and #message.
const chat = { id: -1001234567890, title: 'Founders', type: 'supergroup' };

describe('telegram webhook', () => {
  it('checks the secret token header', () => {
    expect(() => verifyTelegram('s3cret', 's3cret')).not.toThrow();
    expect(() => verifyTelegram('wrong', 's3cret')).toThrow(SignatureError);
    expect(() => verifyTelegram(undefined, 's3cret')).toThrow(/missing/);
  });

  it('maps a reply with mention entities', () => {
    const text = 'thanks @bob and Carol';
    const r = convertTelegramUpdate('t1', {
      update_id: 10001,
      message: {
        message_id: 77, date: 1767225600, chat, from: { id: 111, is_bot: false, first_name: 'Alice' }, text,
        entities: [{ type: 'mention', offset: 7, length: 4 }, { type: 'text_mention', offset: 16, length: 5, user: { id: 333, is_bot: false, first_name: 'Carol' } }],
        reply_to_message: { message_id: 70, date: 1767225500, chat, from: { id: 222, is_bot: false, first_name: 'Bob' }, text: 'hi' },
      },
    });
    expect(r.events).toEqual([{
      tenantId: 't1', platform: 'telegram', groupId: '-1001234567890', occurredAt: 1767225600000, type: 'message', eventId: '77', memberId: '111',
      message: { kind: 'text', text, length: text.length, replyTo: { eventId: '70', memberId: '222' }, mentions: ['@bob', '333'] },
    }]);
  });

  it('maps new_chat_members (invited and self-joined) and left_chat_member', () => {
    const joined = convertTelegramUpdate('t1', {
      update_id: 10002,
      message: { message_id: 78, date: 1767225601, chat, from: { id: 111 }, new_chat_members: [{ id: 444 }, { id: 111 }] },
    });
    expect(joined.events.map((e) => [e.type, e.eventId, e.memberId, (e as { join: unknown }).join])).toEqual([
      ['member_joined', 'join:78:444', '444', { via: 'invite', inviterId: '111' }],
      ['member_joined', 'join:78:111', '111', { via: 'link' }],
    ]);
    const kicked = convertTelegramUpdate('t1', { update_id: 10003, message: { message_id: 79, date: 1767225602, chat, from: { id: 111 }, left_chat_member: { id: 444 } } });
    expect(kicked.events[0]).toMatchObject({ type: 'member_left', memberId: '444', leave: { reason: 'removed', byId: '111' } });
    const quit = convertTelegramUpdate('t1', { update_id: 10004, message: { message_id: 80, date: 1767225603, chat, from: { id: 444 }, left_chat_member: { id: 444 } } });
    expect(quit.events[0]).toMatchObject({ type: 'member_left', leave: { reason: 'quit' } });
  });

  it('ignores updates without a message and rejects non-updates', () => {
    expect(convertTelegramUpdate('t1', { update_id: 5, edited_message: {} }).ignored[0]).toContain('edited_message');
    expect(() => convertTelegramUpdate('t1', { message: {} })).toThrow(/update_id/);
  });
});

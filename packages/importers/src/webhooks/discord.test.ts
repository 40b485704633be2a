import { describe, expect, it } from 'vitest';
import { convertDiscordDispatch, signDiscordRelay, verifyDiscordRelay } from './discord.js';

// Dispatch shapes from https://discord.com/developers/docs/events/gateway-events.
describe('discord relay', () => {
  it('verifies the relay signature and timestamp', () => {
    const body = Buffer.from('{"op":0}');
    const sig = signDiscordRelay(body, '1767225600', 'relay-secret');
    expect(() => verifyDiscordRelay(body, sig, '1767225600', 'relay-secret', 1767225600_000)).not.toThrow();
    expect(() => verifyDiscordRelay(body, sig, '1767225600', 'other', 1767225600_000)).toThrow(/does not match/);
    expect(() => verifyDiscordRelay(body, sig, '1767225600', 'relay-secret', 1767226600_000)).toThrow(/replay/);
  });

  it('maps MESSAGE_CREATE with message_reference and mentions', () => {
    const r = convertDiscordDispatch('t', {
      op: 0, s: 42, t: 'MESSAGE_CREATE', received_at: '2026-01-01T00:00:01Z',
      d: {
        id: '1100000000000000002', channel_id: '900', guild_id: '800', type: 19, content: 'yes <@700>', timestamp: '2026-01-01T00:00:00.000000+00:00',
        author: { id: '600', username: 'alice' }, mentions: [{ id: '700', username: 'bob' }], attachments: [],
        message_reference: { type: 0, message_id: '1100000000000000001', channel_id: '900', guild_id: '800' },
        referenced_message: { id: '1100000000000000001', author: { id: '700' } },
      },
    });
    expect(r.events).toEqual([{
      tenantId: 't', platform: 'discord', groupId: '800', eventId: '1100000000000000002', memberId: '600', type: 'message',
      occurredAt: '2026-01-01T00:00:00.000000+00:00',
      message: { kind: 'text', text: 'yes <@700>', length: 10, replyTo: { eventId: '1100000000000000001', memberId: '700' }, mentions: ['700'] },
    }]);
  });

  it('maps member add/remove and reactions with deterministic ids', () => {
    const add = convertDiscordDispatch('t', { op: 0, t: 'GUILD_MEMBER_ADD', d: { guild_id: '800', joined_at: '2026-01-02T00:00:00.000000+00:00', user: { id: '601' }, roles: [] } });
    expect(add.events[0]).toMatchObject({ type: 'member_joined', memberId: '601', eventId: `member_joined:601:${Date.UTC(2026, 0, 2)}` });
    const remove = { op: 0, t: 'GUILD_MEMBER_REMOVE', received_at: '2026-01-03T00:00:00Z', d: { guild_id: '800', user: { id: '601' } } };
    expect(convertDiscordDispatch('t', remove).events).toEqual(convertDiscordDispatch('t', remove).events);
    expect(convertDiscordDispatch('t', remove).events[0]).toMatchObject({ type: 'member_left', eventId: `member_left:601:${Date.UTC(2026, 0, 3)}` });
    expect(() => convertDiscordDispatch('t', { ...remove, received_at: undefined })).toThrow(/received_at/);
    const react = convertDiscordDispatch('t', { op: 0, t: 'MESSAGE_REACTION_ADD', received_at: '2026-01-03T00:00:00Z', d: { user_id: '700', channel_id: '900', message_id: '1100000000000000002', guild_id: '800', message_author_id: '600', emoji: { id: null, name: '🔥' } } });
    expect(react.events[0]).toMatchObject({ type: 'reaction', eventId: 'reaction:700:1100000000000000002:🔥', reaction: { targetEventId: '1100000000000000002', targetMemberId: '600', emoji: '🔥' } });
  });
});

import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './json.js';
import { decodeChatEvent, validateChatEvent } from './validate.js';

const base = { eventId: 'm1', tenantId: 't1', platform: 'wecom', groupId: 'g1', memberId: 'u1', occurredAt: '2026-03-01T08:00:00+08:00' };
const now = Date.UTC(2026, 5, 1);

describe('chat-event/v1 validation', () => {
  it('accepts a message and normalises occurredAt to epoch ms', () => {
    const r = validateChatEvent({ ...base, type: 'message', message: { kind: 'text', length: 3 }, extra: 1 }, now);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.event.occurredAt).toBe(Date.UTC(2026, 2, 1, 0, 0, 0));
      expect(r.event).not.toHaveProperty('extra');
    }
  });

  it('accepts optional identity signals and names a malformed one', () => {
    const ok = validateChatEvent({ ...base, type: 'member_joined', identity: { unionId: 'o6_bmasdasdsad6_2sgVt7hMZOPfL', verifiedEmailHash: 'ab'.repeat(32) } }, now);
    expect(ok.ok && ok.event.identity).toEqual({ unionId: 'o6_bmasdasdsad6_2sgVt7hMZOPfL', verifiedEmailHash: 'ab'.repeat(32) });
    const bad = validateChatEvent({ ...base, type: 'member_joined', identity: { verifiedPhoneHash: '+8613800000000' } }, now);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad).toMatchObject({ field: 'identity.verifiedPhoneHash', reason: expect.stringMatching(/SHA-256/) });
  });

  it('accepts epoch milliseconds and fills join defaults', () => {
    const r = validateChatEvent({ ...base, type: 'member_joined', occurredAt: Date.UTC(2026, 0, 1) }, now);
    expect(r.ok && r.event.type === 'member_joined' && r.event.join.via).toBe('unknown');
  });

  it.each([
    [{ ...base, type: 'message' }, 'message', 'message is required'],
    [{ ...base, type: 'shout' }, 'type', 'type must be one of'],
    [{ ...base, type: 'message', message: { kind: 'text' }, eventId: '' }, 'eventId', 'must not be empty'],
    [{ ...base, type: 'message', message: { kind: 'text' }, groupId: undefined }, 'groupId', 'groupId is required'],
    [{ ...base, type: 'message', message: { kind: 'text' }, memberId: 7 }, 'memberId', 'must be a string'],
    [{ ...base, type: 'message', message: { kind: 'gif' } }, 'message.kind', 'message.kind must be one of'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '1999-12-31T23:00:00Z' }, 'occurredAt', 'before 2000'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '2026-07-01T00:00:00Z' }, 'occurredAt', 'in the future'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '2026-03-01 08:00' }, 'occurredAt', 'with an offset'],
    [{ ...base, type: 'message', message: { kind: 'text' }, platform: 'icq' }, 'platform', 'platform must be one of'],
    [{ ...base, type: 'reaction' }, 'reaction', 'reaction is required'],
    // What the warehouse cannot store: lone surrogates, impossible dates, numbers beyond the column type.
    [{ ...base, type: 'message', message: { kind: 'text' }, groupId: 'pg-\ud800' }, 'groupId', 'valid Unicode'],
    [{ ...base, type: 'message', message: { kind: 'text', text: 'ok \udc00 no' } }, 'message.text', 'valid Unicode'],
    [{ ...base, type: 'message', message: { kind: 'text', mentions: ['a', '\ud83d'] } }, 'message.mentions.1', 'valid Unicode'],
    [{ ...base, type: 'reaction', reaction: { targetEventId: 'e', emoji: '\ud83d' } }, 'reaction.emoji', 'valid Unicode'],
    [{ ...base, type: 'group_updated', group: { name: 'x\udfff' } }, 'group.name', 'valid Unicode'],
    [{ ...base, type: 'message', message: { kind: 'text', textHash: '\ud800' } }, 'message.textHash', 'valid Unicode'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '2026-02-31T08:00:00Z' }, 'occurredAt', 'day 31 does not exist in 2026-02'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '2025-02-29T08:00:00+08:00' }, 'occurredAt', 'day 29 does not exist'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '2026-13-01T08:00:00Z' }, 'occurredAt', 'month 13 does not exist'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '2026-03-01T24:00:00Z' }, 'occurredAt', 'time of day does not exist'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '2026-03-01T08:00:60Z' }, 'occurredAt', 'time of day does not exist'],
    [{ ...base, type: 'message', message: { kind: 'text' }, occurredAt: '2026-03-01T08:00:00+15:00' }, 'occurredAt', 'UTC offset does not exist'],
    [{ ...base, type: 'message', message: { kind: 'text', length: 2 ** 32 } }, 'message.length', 'at most 4294967295'],
    [{ ...base, type: 'message', message: { kind: 'text', length: 1e300 } }, 'message.length', 'message.length'],
  ])('rejects %j naming %s', (input, field, reason) => {
    const r = validateChatEvent(input, now);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.reason).toContain(reason);
    }
  });

  it('accepts leap days, well-formed astral characters and the largest UInt32 length', () => {
    const r = validateChatEvent({ ...base, type: 'message', occurredAt: '2024-02-29T23:59:59.999-12:00', groupId: 'g-😀', message: { kind: 'text', length: 2 ** 32 - 1, text: '群 😀' } }, now);
    expect(r.ok).toBe(true);
  });

  it('refuses JSON nested deeper than the limit before parsing it, counting only structure outside strings', () => {
    const deep = '{"x":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const r = decodeChatEvent(new TextEncoder().encode(deep), now);
    expect(!r.ok && r.reason).toBe('(record): JSON nested deeper than 64 levels');
    expect(jsonNestsDeeperThan(new TextEncoder().encode(JSON.stringify({ s: '[[[[{{{{'.repeat(100), q: '\\"[' })), 3)).toBe(false);
    expect(jsonNestsDeeperThan(new TextEncoder().encode('[[[[]]]]'), 3)).toBe(true);
  });

  it('names malformed JSON and invalid UTF-8', () => {
    const bad = decodeChatEvent(new TextEncoder().encode('{"eventId":'), now);
    expect(!bad.ok && bad.reason).toContain('malformed JSON');
    const utf = decodeChatEvent(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), now);
    expect(!utf.ok && utf.reason).toContain('invalid UTF-8');
  });
});

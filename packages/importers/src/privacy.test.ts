import { describe, expect, it } from 'vitest';
import { validateChatEvent, type ChatEvent } from '@qunpulse/contracts';
import { applyPrivacy, pseudonymise, textHash } from './privacy.js';

function event(input: object): ChatEvent {
  const v = validateChatEvent({ tenantId: 't', platform: 'telegram', groupId: 'g', occurredAt: '2026-01-01T00:00:00Z', ...input }, Date.UTC(2026, 1, 1));
  if (!v.ok) throw new Error(v.reason);
  return v.event;
}

const msg = event({
  type: 'message', eventId: 'm1', memberId: 'alice',
  message: { kind: 'text', text: 'Buy now at https://spam.example  ', replyTo: { eventId: 'm0', memberId: 'bob' }, mentions: ['carol'] },
});

describe('privacy', () => {
  it('drops text by default but keeps length, link flag and a hash', () => {
    const out = applyPrivacy(msg, { keepText: false });
    if (out.type !== 'message') throw new Error('type changed');
    expect(out.message.text).toBeUndefined();
    expect(out.message.length).toBe('Buy now at https://spam.example  '.length);
    expect(out.message.hasLink).toBe(true);
    expect(out.message.textHash).toBe(textHash('buy NOW   at https://spam.example'));
    expect(out.memberId).toBe('alice');
  });

  it('keeps text when the tenant opted in, and never mutates its input', () => {
    const out = applyPrivacy(msg, { keepText: true });
    expect(out.type === 'message' && out.message.text).toBe('Buy now at https://spam.example  ');
    expect(msg.type === 'message' && msg.message.textHash).toBeUndefined();
  });

  it('pseudonymises every member reference with the same keyed hash', () => {
    const key = 'k-secret';
    const out = applyPrivacy(msg, { keepText: false, pseudonymKey: key });
    if (out.type !== 'message') throw new Error('type changed');
    expect(out.memberId).toBe(pseudonymise('alice', key));
    expect(out.message.replyTo?.memberId).toBe(pseudonymise('bob', key));
    expect(out.message.mentions).toEqual([pseudonymise('carol', key)]);
    expect(pseudonymise('alice', key)).not.toBe(pseudonymise('alice', 'other-key'));
    expect(out.message.textHash).not.toBe(textHash('Buy now at https://spam.example'));

    const joined = applyPrivacy(event({ type: 'member_joined', eventId: 'j', memberId: 'dave', join: { via: 'invite', inviterId: 'alice' } }), { keepText: false, pseudonymKey: key });
    expect(joined.type === 'member_joined' && joined.join.inviterId).toBe(pseudonymise('alice', key));
    const left = applyPrivacy(event({ type: 'member_left', eventId: 'l', memberId: 'dave', leave: { reason: 'removed', byId: 'alice' } }), { keepText: false, pseudonymKey: key });
    expect(left.type === 'member_left' && left.leave.byId).toBe(pseudonymise('alice', key));
    const reacted = applyPrivacy(event({ type: 'reaction', eventId: 'r', memberId: 'dave', reaction: { targetEventId: 'm1', targetMemberId: 'alice' } }), { keepText: false, pseudonymKey: key });
    expect(reacted.type === 'reaction' && reacted.reaction.targetMemberId).toBe(pseudonymise('alice', key));
  });

  it('pseudonymises identity signals with the tenant key, so they still match across platforms', () => {
    const key = 'tenant-secret-key';
    const signals = { unionId: 'u-alice', verifiedEmailHash: 'ab'.repeat(32) };
    const a = applyPrivacy(event({ type: 'member_joined', eventId: 'j1', memberId: 'wx-alice', identity: signals }), { keepText: false, pseudonymKey: key });
    const b = applyPrivacy(event({ type: 'member_joined', eventId: 'j2', memberId: 'tg-alice', platform: 'wecom', identity: signals }), { keepText: false, pseudonymKey: key });
    expect(a.identity).toEqual({ unionId: pseudonymise('u-alice', key), verifiedEmailHash: pseudonymise('ab'.repeat(32), key) });
    expect(b.identity).toEqual(a.identity);
    expect(applyPrivacy(event({ type: 'member_joined', eventId: 'j3', memberId: 'x', identity: signals }), { keepText: false }).identity).toEqual(signals);
  });
});

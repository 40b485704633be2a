import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { convertSlackDelivery, verifySlack } from './slack.js';

// Shapes from https://api.slack.com/apis/events-api and the event reference pages.
const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const envelope = (event: object) => ({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'Ev1', event_time: 1767225600, event });

describe('slack events api', () => {
  it('verifies v0 signatures within the timestamp tolerance', () => {
    const body = Buffer.from(JSON.stringify(envelope({ type: 'message' })));
    const ts = '1767225600';
    const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body.toString()}`).digest('hex');
    expect(() => verifySlack(body, sig, ts, secret, 1767225600_000 + 60_000)).not.toThrow();
    expect(() => verifySlack(body, sig, ts, secret, 1767225600_000 + 301_000)).toThrow(/replay/);
    expect(() => verifySlack(body, sig.replace(/.$/, '0'), ts, 'other', 1767225600_000)).toThrow(/does not match/);
    expect(() => verifySlack(body, undefined, ts, secret, 1767225600_000)).toThrow(/required/);
  });

  it('answers url_verification with the challenge', () => {
    expect(convertSlackDelivery('t', { token: 'x', challenge: 'abc123', type: 'url_verification' })).toEqual({ kind: 'challenge', challenge: 'abc123' });
  });

  it('maps thread replies with mentions, joins, leaves and reactions', () => {
    const reply = convertSlackDelivery('t', envelope({
      type: 'message', channel: 'C1', user: 'U2', text: 'agreed <@U3> and <@U4|dana>', ts: '1767225600.000200',
      thread_ts: '1767225500.000100', parent_user_id: 'U1', channel_type: 'channel',
    }));
    expect(reply.kind === 'events' && reply.converted.events).toEqual([{
      tenantId: 't', platform: 'slack', groupId: 'C1', occurredAt: 1767225600000, type: 'message', eventId: '1767225600.000200', memberId: 'U2',
      message: { kind: 'text', text: 'agreed <@U3> and <@U4|dana>', length: 27, replyTo: { eventId: '1767225500.000100', memberId: 'U1' }, mentions: ['U3', 'U4'] },
    }]);
    const join = convertSlackDelivery('t', envelope({ type: 'member_joined_channel', user: 'U5', channel: 'C1', channel_type: 'C', team: 'T1', inviter: 'U1', event_ts: '1767225700.000300' }));
    expect(join.kind === 'events' && join.converted.events[0]).toMatchObject({ type: 'member_joined', eventId: 'join:U5:1767225700.000300', join: { via: 'invite', inviterId: 'U1' } });
    const left = convertSlackDelivery('t', envelope({ type: 'member_left_channel', user: 'U5', channel: 'C1', channel_type: 'C', team: 'T1', event_ts: '1767225800.000400' }));
    expect(left.kind === 'events' && left.converted.events[0]).toMatchObject({ type: 'member_left', memberId: 'U5', groupId: 'C1' });
    const reaction = convertSlackDelivery('t', envelope({ type: 'reaction_added', user: 'U3', reaction: 'thumbsup', item_user: 'U2', item: { type: 'message', channel: 'C1', ts: '1767225600.000200' }, event_ts: '1767225900.000500' }));
    expect(reaction.kind === 'events' && reaction.converted.events[0]).toMatchObject({ type: 'reaction', eventId: 'reaction:U3:1767225600.000200:thumbsup', reaction: { targetEventId: '1767225600.000200', targetMemberId: 'U2', emoji: 'thumbsup' } });
  });

  it('leaves channel_join messages to member_joined_channel and ignores edits', () => {
    const r = convertSlackDelivery('t', envelope({ type: 'message', subtype: 'channel_join', channel: 'C1', user: 'U5', ts: '1767225700.000300' }));
    expect(r.kind === 'events' && r.converted.events).toEqual([]);
    const e = convertSlackDelivery('t', envelope({ type: 'message', subtype: 'message_changed', channel: 'C1', ts: '1767225700.000301' }));
    expect(e.kind === 'events' && e.converted.ignored[0]).toContain('message_changed');
  });
});

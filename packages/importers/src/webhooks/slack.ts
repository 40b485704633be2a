// Slack Events API: request signing (https://api.slack.com/authentication/verifying-requests-from-slack),
// url_verification, and event_callback envelopes carrying message, member_joined_channel,
// member_left_channel and reaction_added events.
import { createHmac } from 'node:crypto';
import { slackMessageEvents, slackTsMs, type SlackMessage } from '../slack-message.js';
import { safeEqual } from './secret.js';
import { isObject, PayloadError, SignatureError, type Converted } from './types.js';

export const SLACK_TOLERANCE_SECONDS = 300;

export function verifySlack(
  rawBody: Buffer, signature: string | undefined, timestamp: string | undefined, signingSecret: string, nowMs: number = Date.now(),
): void {
  if (!signature || !timestamp) throw new SignatureError('X-Slack-Signature and X-Slack-Request-Timestamp are required');
  if (!/^\d+$/.test(timestamp)) throw new SignatureError('X-Slack-Request-Timestamp must be epoch seconds');
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SLACK_TOLERANCE_SECONDS) {
    throw new SignatureError(`X-Slack-Request-Timestamp is more than ${SLACK_TOLERANCE_SECONDS} s away from now (replay protection)`);
  }
  const expected = 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex');
  if (!safeEqual(signature, expected)) throw new SignatureError('X-Slack-Signature does not match');
}

export type SlackDelivery =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'events'; converted: Converted };

export function convertSlackDelivery(tenantId: string, body: unknown): SlackDelivery {
  if (!isObject(body) || typeof body.type !== 'string') throw new PayloadError('type: expected a Slack Events API envelope');
  if (body.type === 'url_verification') {
    if (typeof body.challenge !== 'string') throw new PayloadError('challenge: expected a string');
    return { kind: 'challenge', challenge: body.challenge };
  }
  if (body.type !== 'event_callback') return { kind: 'events', converted: { events: [], ignored: [`envelope type ${body.type} is not ingested`] } };
  const e = body.event;
  if (!isObject(e) || typeof e.type !== 'string') throw new PayloadError('event: expected an event object with a type');
  const base = { tenantId, platform: 'slack' as const };
  switch (e.type) {
    case 'message': {
      if (typeof e.channel !== 'string') throw new PayloadError('event.channel: expected a channel id');
      const r = slackMessageEvents(tenantId, e.channel, e as SlackMessage, { membershipMessages: false, listedReactions: false });
      return { kind: 'events', converted: { events: r.events, ignored: r.ignored ? [r.ignored] : [] } };
    }
    case 'member_joined_channel':
    case 'member_left_channel': {
      const { user, channel, event_ts: ts } = e;
      if (typeof user !== 'string' || typeof channel !== 'string' || typeof ts !== 'string') {
        throw new PayloadError(`event: ${e.type} needs user, channel and event_ts`);
      }
      const joined = e.type === 'member_joined_channel';
      const inviter = typeof e.inviter === 'string' ? e.inviter : undefined;
      return {
        kind: 'events',
        converted: {
          ignored: [],
          events: [joined
            ? { ...base, type: 'member_joined', groupId: channel, eventId: `join:${user}:${ts}`, memberId: user, occurredAt: slackTsMs(ts), join: inviter ? { via: 'invite', inviterId: inviter } : { via: 'unknown' } }
            : { ...base, type: 'member_left', groupId: channel, eventId: `leave:${user}:${ts}`, memberId: user, occurredAt: slackTsMs(ts), leave: { reason: 'unknown' } }],
        },
      };
    }
    case 'reaction_added': {
      const item = e.item;
      if (typeof e.user !== 'string' || typeof e.reaction !== 'string' || typeof e.event_ts !== 'string' || !isObject(item)) {
        throw new PayloadError('event: reaction_added needs user, reaction, item and event_ts');
      }
      if (item.type !== 'message' || typeof item.channel !== 'string' || typeof item.ts !== 'string') {
        return { kind: 'events', converted: { events: [], ignored: [`reaction on ${String(item.type)} is not ingested`] } };
      }
      return {
        kind: 'events',
        converted: {
          ignored: [],
          events: [{
            ...base, type: 'reaction', groupId: item.channel, eventId: `reaction:${e.user}:${item.ts}:${e.reaction}`, memberId: e.user,
            occurredAt: slackTsMs(e.event_ts),
            reaction: { targetEventId: item.ts, ...(typeof e.item_user === 'string' ? { targetMemberId: e.item_user } : {}), emoji: e.reaction },
          }],
        },
      };
    }
    default:
      return { kind: 'events', converted: { events: [], ignored: [`event type ${e.type} is not ingested`] } };
  }
}

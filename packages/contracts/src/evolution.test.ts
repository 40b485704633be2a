// How a chat-event/v2 rolls out (docs/extending.md, "Contract evolution"): consumers learn to read
// v2 first and upgrade v1 records to the v2 shape on read; producers switch later; records written
// before either (with the v1 header, or none at all) stay readable; unknown newer minor fields are ignored.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  chatEventSchema, groupCreatedEventSchema, groupDissolvedEventSchema, groupUpdatedEventSchema, memberJoinedEventSchema,
  memberLeftEventSchema, messageSchema, messageEventSchema, reactionEventSchema, type ChatEvent,
} from './chat-event.js';
import { chatEventContract, versionedContract } from './contract.js';
import { CHAT_EVENT_SCHEMA, HEADERS } from './headers.js';
import { decodeChatEvent, decodeWith } from './validate.js';

// A hypothetical v2: a breaking change to one field. Mentions become objects (who, and where in the text).
const mentionV2 = z.object({ memberId: z.string().min(1, 'must not be empty'), start: z.number().int().min(0).optional() });
const messageV2 = messageEventSchema.extend({ message: messageSchema.extend({ mentions: z.array(mentionV2).optional() }) });
const chatEventV2Schema = z.discriminatedUnion('type', [
  messageV2, memberJoinedEventSchema, memberLeftEventSchema, reactionEventSchema,
  groupCreatedEventSchema, groupUpdatedEventSchema, groupDissolvedEventSchema,
]);
type ChatEventV2 = z.output<typeof chatEventV2Schema>;

/** v1 to v2 on read: the only field that changed is rewritten, everything else is v1's. */
function upgrade(e: ChatEvent): ChatEventV2 {
  if (e.type !== 'message') return e;
  const { mentions, ...message } = e.message;
  return { ...e, message: { ...message, ...(mentions ? { mentions: mentions.map((memberId) => ({ memberId })) } : {}) } };
}

const v2Aware = versionedContract<ChatEventV2>({
  [CHAT_EVENT_SCHEMA]: (bytes, now) => {
    const v = decodeChatEvent(bytes, now);
    return v.ok ? { ok: true, value: upgrade(v.event) } : v;
  },
  'chat-event/v2': (bytes) => decodeWith(chatEventV2Schema, bytes),
});

const NOW = Date.UTC(2026, 5, 1);
const base = { eventId: 'e1', type: 'message', tenantId: 't', platform: 'slack', groupId: 'g', memberId: 'ana', occurredAt: NOW - 1_000 };
const bytes = (v: object) => Buffer.from(JSON.stringify(v));
const v1Record = bytes({ ...base, message: { kind: 'text', text: 'hi @bo', mentions: ['bo'] } });
const v2Record = bytes({ ...base, message: { kind: 'text', text: 'hi @bo', mentions: [{ memberId: 'bo', start: 3 }] } });

describe('chat-event/v2 rollout', () => {
  it('reads a v1 record, labelled or written before the header existed, in the v2 shape', () => {
    for (const headers of [{ [HEADERS.schema]: CHAT_EVENT_SCHEMA }, {}] as Record<string, string>[]) {
      const r = v2Aware.decode(v1Record, headers, NOW);
      expect(r).toEqual({ ok: true, value: expect.objectContaining({ eventId: 'e1', message: { kind: 'text', text: 'hi @bo', mentions: [{ memberId: 'bo' }] } }) });
    }
  });

  it('reads a v2 record once producers switch', () => {
    expect(v2Aware.decode(v2Record, { [HEADERS.schema]: 'chat-event/v2' }, NOW))
      .toMatchObject({ ok: true, value: { message: { mentions: [{ memberId: 'bo', start: 3 }] } } });
  });

  it('ignores fields of a newer minor version it does not know', () => {
    const newer = bytes({ ...base, sentiment: 0.4, message: { kind: 'text', text: 'hi', language: 'en' } });
    for (const contract of [chatEventContract, v2Aware]) {
      const r = contract.decode(newer, { [HEADERS.schema]: CHAT_EVENT_SCHEMA }, NOW);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value).not.toHaveProperty('sentiment');
      expect(r.value).toMatchObject({ message: { kind: 'text', text: 'hi' } });
      expect((r.value as { message: object }).message).not.toHaveProperty('language');
    }
  });

  it('refuses, naming the header, a version it does not read: why producers switch only after every consumer', () => {
    expect(chatEventContract.decode(v2Record, { [HEADERS.schema]: 'chat-event/v2' }, NOW)).toEqual({
      ok: false, field: `header ${HEADERS.schema}`,
      reason: `header ${HEADERS.schema}: "chat-event/v2" is not a schema this consumer reads (chat-event/v1)`,
    });
    expect(v2Aware.decode(v2Record, { [HEADERS.schema]: 'chat-event/v3' }, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('(chat-event/v1, chat-event/v2)') });
  });

  it('names the field when a v2 record breaks the v2 rules', () => {
    const bad = bytes({ ...base, message: { kind: 'text', mentions: [{ memberId: '' }] } });
    expect(v2Aware.decode(bad, { [HEADERS.schema]: 'chat-event/v2' }, NOW)).toEqual({
      ok: false, field: 'message.mentions.0.memberId', reason: 'message.mentions.0.memberId: must not be empty',
    });
  });

  it('keeps v1 as what chat-event/v1 producers are checked against', () => {
    expect(chatEventContract.schemas).toEqual([CHAT_EVENT_SCHEMA]);
    expect(chatEventSchema.safeParse(JSON.parse(v2Record.toString())).success).toBe(false);
  });
});

// chat-event/v1: the canonical contract for everything qunpulse ingests.
// Unknown extra fields are accepted and ignored (zod objects strip them), so producers may send more.
import { z } from 'zod';

export const EVENT_TYPES = [
  'message', 'member_joined', 'member_left', 'reaction', 'group_created', 'group_updated', 'group_dissolved',
] as const;
export const PLATFORMS = ['wecom', 'wechat', 'qq', 'telegram', 'discord', 'slack', 'irc', 'zulip', 'other'] as const;
export const MESSAGE_KINDS = [
  'text', 'image', 'voice', 'video', 'file', 'link', 'sticker', 'red_packet', 'mini_program', 'system', 'other',
] as const;
export const JOIN_VIAS = ['invite', 'qr_code', 'link', 'admin', 'unknown'] as const;
export const LEAVE_REASONS = ['quit', 'removed', 'unknown'] as const;
export const GROUP_PURPOSES = ['sales', 'networking', 'interest', 'brand', 'influence', 'support', 'other'] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type Platform = (typeof PLATFORMS)[number];
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type JoinVia = (typeof JOIN_VIAS)[number];
export type LeaveReason = (typeof LEAVE_REASONS)[number];
export type GroupPurpose = (typeof GROUP_PURPOSES)[number];

/** Limits that keep one record from hurting the pipeline; exceeding one is a validation error. */
export const LIMITS = {
  idMaxLength: 256,
  textMaxLength: 65_536,
  mentionsMax: 500,
  /** Events dated before this are rejected (no chat platform in scope predates it). */
  earliestOccurredAt: Date.UTC(2000, 0, 1),
  /** Events dated further than this beyond the receiver's clock are rejected. */
  maxFutureSkewMs: 24 * 60 * 60 * 1000,
  /** chat_events.message_length is a UInt32: a larger length would wrap around in storage. */
  messageLengthMax: 0xffff_ffff,
  /** Deepest JSON nesting read at all; deeper input is refused before it is parsed. */
  jsonMaxDepth: 64,
} as const;

/**
 * A string the warehouse can store: well-formed UTF-16, so it encodes to valid UTF-8. A lone
 * surrogate ("\ud800") passes JSON.parse but ClickHouse refuses the whole insert that carries it.
 */
const text = (what: string, max: number) =>
  z.string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what} must be a string`) })
    .max(max, `${what} must be at most ${max} characters`)
    .refine((s) => s.isWellFormed(), `${what} must be valid Unicode (it holds a lone UTF-16 surrogate)`);

const id = (what: string) => text(what, LIMITS.idMaxLength).min(1, `${what} must not be empty`);

/** A member id as events carry it (what an erasure request names). */
export const memberIdSchema = id('memberId');

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * Why the fields of an ISO-8601 timestamp name no real moment, or undefined when they do.
 * Date.parse rolls impossible dates over (2026-02-31 becomes 2026-03-03), so each field is checked.
 */
function impossibleDate(m: RegExpExecArray): string | undefined {
  const [year, month, day, hour, minute, second, offH, offM] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  if (month! < 1 || month! > 12) return `month ${month} does not exist`;
  const days = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > days) return `day ${day} does not exist in ${m[1]}-${m[2]}`;
  if (hour! > 23 || minute! > 59 || second! > 59) return 'the time of day does not exist';
  if (offH! > 14 || offM! > 59) return 'the UTC offset does not exist';
  return undefined;
}

/** ISO-8601 with an explicit offset, or epoch milliseconds; normalised to epoch milliseconds. */
export const occurredAtSchema = z.union([z.string(), z.number()], {
  error: 'occurredAt must be an ISO-8601 string with offset or epoch milliseconds',
}).transform((value, ctx) => {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) {
      ctx.addIssue({ code: 'custom', message: 'occurredAt must be whole epoch milliseconds' });
      return z.NEVER;
    }
    ms = value;
  } else {
    const parts = ISO_WITH_OFFSET.exec(value);
    if (!parts) {
      ctx.addIssue({ code: 'custom', message: `occurredAt must be ISO-8601 with an offset (e.g. 2026-03-01T08:00:00+08:00), got ${JSON.stringify(value.slice(0, 40))}` });
      return z.NEVER;
    }
    const impossible = impossibleDate(parts);
    ms = Date.parse(value);
    if (impossible !== undefined || Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: `occurredAt is not a real date: ${JSON.stringify(value.slice(0, 40))}${impossible ? ` (${impossible})` : ''}` });
      return z.NEVER;
    }
  }
  if (ms < LIMITS.earliestOccurredAt) {
    ctx.addIssue({ code: 'custom', message: 'occurredAt is before 2000-01-01' });
    return z.NEVER;
  }
  return ms;
});

export const messageSchema = z.object({
  kind: z.enum(MESSAGE_KINDS, { error: `message.kind must be one of ${MESSAGE_KINDS.join(', ')}` }),
  length: z.number().int('message.length must be an integer').min(0, 'message.length must be ≥ 0')
    .max(LIMITS.messageLengthMax, `message.length must be at most ${LIMITS.messageLengthMax}`).optional(),
  text: text('message.text', LIMITS.textMaxLength).optional(),
  replyTo: z.object({ eventId: id('message.replyTo.eventId'), memberId: id('message.replyTo.memberId').optional() }).optional(),
  mentions: z.array(id('message.mentions[]')).max(LIMITS.mentionsMax, `message.mentions must have at most ${LIMITS.mentionsMax} entries`).optional(),
  /** Derived at ingest when text is dropped: whether the text contained a link. */
  hasLink: z.boolean().optional(),
  /** Derived at ingest when text is dropped: a hash of the normalised text, for repeat (spam) detection. */
  textHash: text('message.textHash', 128).optional(),
});

export const joinSchema = z.object({
  via: z.enum(JOIN_VIAS, { error: `join.via must be one of ${JOIN_VIAS.join(', ')}` }),
  inviterId: id('join.inviterId').optional(),
});

export const leaveSchema = z.object({
  reason: z.enum(LEAVE_REASONS, { error: `leave.reason must be one of ${LEAVE_REASONS.join(', ')}` }),
  byId: id('leave.byId').optional(),
});

export const reactionSchema = z.object({
  targetEventId: id('reaction.targetEventId'),
  targetMemberId: id('reaction.targetMemberId').optional(),
  emoji: text('reaction.emoji', 64).optional(),
});

export const groupInfoSchema = z.object({
  name: text('group.name', 512).optional(),
  ownerId: id('group.ownerId').optional(),
  purpose: z.enum(GROUP_PURPOSES, { error: `group.purpose must be one of ${GROUP_PURPOSES.join(', ')}` }).optional(),
});

const sha256Hex = (name: string) => z.string({ error: `${name} must be a string` })
  .regex(/^[0-9a-f]{64}$/, `${name} must be the SHA-256 of the normalised value as 64 lowercase hex digits`);

/**
 * Strong signals that two member ids are one person, when the platform knows them (optional;
 * producers without them send nothing). Display names are never a signal.
 */
export const identitySchema = z.object({
  /** The platform's own cross-app id for the person, e.g. WeChat/WeCom's unionid. */
  unionId: id('identity.unionId').optional(),
  /** SHA-256 of the platform-verified e-mail address, trimmed and lowercased. */
  verifiedEmailHash: sha256Hex('identity.verifiedEmailHash').optional(),
  /** SHA-256 of the platform-verified phone number in E.164 form (+8613800000000). */
  verifiedPhoneHash: sha256Hex('identity.verifiedPhoneHash').optional(),
});

const common = {
  eventId: id('eventId'),
  tenantId: id('tenantId'),
  platform: z.enum(PLATFORMS, { error: `platform must be one of ${PLATFORMS.join(', ')}` }),
  groupId: id('groupId'),
  occurredAt: occurredAtSchema,
  identity: identitySchema.optional(),
};

export const messageEventSchema = z.object({
  ...common, type: z.literal('message'), memberId: id('memberId'),
  message: messageSchema.optional().transform((m, ctx) => {
    if (!m) { ctx.addIssue({ code: 'custom', message: 'message is required for type "message"' }); return z.NEVER; }
    return m;
  }),
});
export const memberJoinedEventSchema = z.object({
  ...common, type: z.literal('member_joined'), memberId: id('memberId'),
  join: joinSchema.default({ via: 'unknown' }),
});
export const memberLeftEventSchema = z.object({
  ...common, type: z.literal('member_left'), memberId: id('memberId'),
  leave: leaveSchema.default({ reason: 'unknown' }),
});
export const reactionEventSchema = z.object({
  ...common, type: z.literal('reaction'), memberId: id('memberId'),
  reaction: reactionSchema.optional().transform((r, ctx) => {
    if (!r) { ctx.addIssue({ code: 'custom', message: 'reaction is required for type "reaction"' }); return z.NEVER; }
    return r;
  }),
});
export const groupCreatedEventSchema = z.object({
  ...common, type: z.literal('group_created'), memberId: id('memberId').optional(), group: groupInfoSchema.default({}),
});
export const groupUpdatedEventSchema = z.object({
  ...common, type: z.literal('group_updated'), memberId: id('memberId').optional(), group: groupInfoSchema.default({}),
});
export const groupDissolvedEventSchema = z.object({
  ...common, type: z.literal('group_dissolved'), memberId: id('memberId').optional(),
});

export const chatEventSchema = z.discriminatedUnion('type', [
  messageEventSchema, memberJoinedEventSchema, memberLeftEventSchema, reactionEventSchema,
  groupCreatedEventSchema, groupUpdatedEventSchema, groupDissolvedEventSchema,
], { error: (iss) => (iss.input === undefined ? 'type is required' : `type must be one of ${EVENT_TYPES.join(', ')}`) });

/** What producers send (occurredAt as ISO string or epoch ms). */
export type ChatEventInput = z.input<typeof chatEventSchema>;
/** What consumers get after validation (occurredAt as epoch ms, defaults applied). */
export type ChatEvent = z.output<typeof chatEventSchema>;
export type MessageEvent = Extract<ChatEvent, { type: 'message' }>;

// Routing: which alerts go to which chat-app webhook, in which language, and when to stay quiet.
// One file, validated as a whole, so a typo in a channel name fails at start-up, not at 3 a.m.
import { z } from 'zod';
import { ALERT_RULES, CHANNEL_TYPES, LANGUAGES, SEVERITIES, type Alert, type ChannelType, type Language } from './types.js';
import { thresholdsSchema } from './thresholds.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

const timeZone = z.string().refine((tz) => {
  try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; }
}, 'must be an IANA time zone such as Asia/Shanghai');

export const quietHoursSchema = z.object({
  start: hhmm,
  end: hhmm,
  timeZone: timeZone.default('Asia/Shanghai'),
  /** Critical alerts (a group turned dying or died, the top KOL left) still go out at night. */
  allowCritical: z.boolean().default(true),
});

export const channelSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"'),
  type: z.enum(CHANNEL_TYPES, { error: `must be one of ${CHANNEL_TYPES.join(', ')}` }),
  url: z.url({ error: 'must be the webhook URL' }),
  /** DingTalk "加签" secret or Feishu signature secret; the message is signed when set. */
  secret: z.string().min(1).optional(),
  /** At most this many messages per minute (WeCom and DingTalk robots allow 20). */
  maxPerMinute: z.number().int().positive().default(20),
});

export const routeSchema = z.object({
  channel: z.string(),
  /** Empty or absent means every tenant / group / severity / rule. */
  tenants: z.array(z.string().min(1)).optional(),
  groups: z.array(z.string().min(1)).optional(),
  severities: z.array(z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` })).optional(),
  rules: z.array(z.enum(ALERT_RULES, { error: `must be one of ${ALERT_RULES.join(', ')}` })).optional(),
  language: z.enum(LANGUAGES, { error: 'must be zh or en' }).optional(),
  quietHours: quietHoursSchema.optional(),
});

/**
 * The weekly digest: once per tenant-local week, on Monday at `sendAt` in the tenant's time zone,
 * one message per tenant about the week that ended, to these channels.
 */
export const digestSchema = z.object({
  channels: z.array(z.string()).min(1, 'must name at least one channel'),
  /** Empty or absent means every tenant the analytics judge. */
  tenants: z.array(z.string().min(1)).optional(),
  language: z.enum(LANGUAGES, { error: 'must be zh or en' }).optional(),
  /** Where the report is served; `{tenant}` in it is replaced, otherwise `?tenant=<id>` is added. */
  reportUrl: z.url({ error: 'must be the URL of the report' }),
  sendAt: hhmm.default('09:00'),
  /** At most this many fading members are named. */
  fadingLimit: z.number().int().min(0).max(50).default(10),
  /** New and lost KOLs are read from this many top places of the tenant ranking. */
  topKols: z.number().int().min(1).max(100).default(10),
});

export const routingConfigSchema = z.object({
  language: z.enum(LANGUAGES, { error: 'must be zh or en' }).default('zh'),
  quietHours: quietHoursSchema.optional(),
  /** The same rule for the same group is not raised again within this many hours of data time (default a week: the 7-day windows would otherwise repeat it daily). */
  cooldownHours: z.number().min(0).default(168),
  /** Links in messages point here (e.g. the Grafana Group dashboard). */
  dashboardUrl: z.url().optional(),
  /**
   * Each alert waits in the outbox until its webhook accepts it: attempt n+1 follows attempt n after
   * backoffMs·2^(n-1), at most maxBackoffMs, until `attempts` were made or the alert is older than
   * giveUpAfterHours (a stale alert about a group's health is noise).
   */
  delivery: z.object({
    attempts: z.number().int().min(1).max(1_000).default(100),
    backoffMs: z.number().int().min(0).default(1_000),
    maxBackoffMs: z.number().int().min(0).default(300_000),
    giveUpAfterHours: z.number().positive().default(24),
    timeoutMs: z.number().int().min(100).default(5_000),
  }).default({ attempts: 100, backoffMs: 1_000, maxBackoffMs: 300_000, giveUpAfterHours: 24, timeoutMs: 5_000 }),
  thresholds: thresholdsSchema.default(thresholdsSchema.parse({})),
  channels: z.array(channelSchema).default([]),
  routes: z.array(routeSchema).default([]),
  digest: digestSchema.optional(),
}).superRefine((cfg, ctx) => {
  const names = new Set<string>();
  cfg.channels.forEach((c, i) => {
    if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'name'], message: `channel ${JSON.stringify(c.name)} is defined twice` });
    names.add(c.name);
  });
  cfg.routes.forEach((r, i) => {
    if (!names.has(r.channel)) {
      ctx.addIssue({ code: 'custom', path: ['routes', i, 'channel'], message: `no channel named ${JSON.stringify(r.channel)} (defined: ${[...names].join(', ') || 'none'})` });
    }
  });
  cfg.digest?.channels.forEach((c, i) => {
    if (!names.has(c)) ctx.addIssue({ code: 'custom', path: ['digest', 'channels', i], message: `no channel named ${JSON.stringify(c)} (defined: ${[...names].join(', ') || 'none'})` });
  });
});

export type RoutingConfig = z.output<typeof routingConfigSchema>;
export type Channel = z.output<typeof channelSchema>;
export type QuietHours = z.output<typeof quietHoursSchema>;
export type DigestConfig = z.output<typeof digestSchema>;

export class RoutingConfigError extends Error {
  constructor(readonly problems: string[], source: string) {
    super(`Invalid alert routing config (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RoutingConfigError';
  }
}

/** Validates a parsed config object; errors name the field path and the reason. */
export function parseRoutingConfig(input: unknown, source = 'routing config'): RoutingConfig {
  const result = routingConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new RoutingConfigError(result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`), source);
}

export interface Delivery {
  channel: Channel;
  language: Language;
  /** Why it is not sent now (quiet hours), or undefined to send. */
  held?: string;
  /** When it is held: the first minute (epoch ms) after the quiet hours. */
  heldUntil?: number;
}

function minutesIn(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const h = Number(parts.find((p) => p.type === 'hour')?.value);
  const m = Number(parts.find((p) => p.type === 'minute')?.value);
  return h * 60 + m;
}

export function inQuietHours(q: QuietHours, at: Date): boolean {
  const now = minutesIn(q.timeZone, at);
  const [sh, sm] = q.start.split(':').map(Number) as [number, number];
  const [eh, em] = q.end.split(':').map(Number) as [number, number];
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (start === end) return false;
  // A window like 22:00–08:00 wraps past midnight.
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The first whole minute at or after `at` outside the quiet hours (they last under a day). */
export function quietHoursEnd(q: QuietHours, at: Date): number {
  let t = Math.ceil(at.getTime() / 60_000) * 60_000;
  for (let i = 0; i <= 24 * 60 && inQuietHours(q, new Date(t)); i++) t += 60_000;
  return t;
}

/** Every channel the alert goes to, deduplicated by channel, first matching route wins its settings. */
export function routeAlert(alert: Alert, cfg: RoutingConfig, at: Date): Delivery[] {
  const byName = new Map(cfg.channels.map((c) => [c.name, c]));
  const out = new Map<string, Delivery>();
  for (const r of cfg.routes) {
    if (out.has(r.channel)) continue;
    if (r.tenants?.length && !r.tenants.includes(alert.tenantId)) continue;
    if (r.groups?.length && !r.groups.includes(alert.groupId)) continue;
    if (r.severities?.length && !r.severities.includes(alert.severity)) continue;
    if (r.rules?.length && !r.rules.includes(alert.rule)) continue;
    const channel = byName.get(r.channel)!;
    const quiet = r.quietHours ?? cfg.quietHours;
    const held = quiet && inQuietHours(quiet, at) && !(quiet.allowCritical && alert.severity === 'critical')
      ? `quiet hours ${quiet.start}-${quiet.end} ${quiet.timeZone}` : undefined;
    out.set(r.channel, { channel, language: r.language ?? cfg.language, ...(held && quiet ? { held, heldUntil: quietHoursEnd(quiet, at) } : {}) });
  }
  return [...out.values()];
}

export type { ChannelType };

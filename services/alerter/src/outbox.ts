// The alert outbox (table `alert_outbox`): raising an alert writes one entry per routed channel;
// a loop of its own delivers what is due, so a slow or dead webhook never holds up the analytics,
// and an entry not yet delivered when the process dies is delivered after it comes back.
//
// Delivery is at least once: an entry is marked delivered only after the webhook answered 2xx, so a
// process killed between that answer and the mark sends it again, with the same Idempotency-Key.
import {
  buildDigestRequest, DIGEST_RULE, RateLimiter, routeAlert, type Alert, type Channel, type Language, type RoutingConfig, type WeeklyDigest,
} from '@qunpulse/alerts';
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { attemptDelivery, attemptRequest, chTime, type DeliveryAttempt } from './deliver.js';
import { groupDashboardUrl } from './dashboard-url.js';

export type OutboxState = 'pending' | 'delivered' | 'failed';

interface OutboxRow {
  alert_id: string;
  channel: string;
  tenant_id: string;
  group_id: string;
  rule: string;
  severity: string;
  language: string;
  alert: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string;
  created_at: string;
  updated_at: string;
  revision: number;
}

export interface OutboxDeps {
  warehouse: Warehouse;
  config: RoutingConfig;
  log: Logger;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
  /** How often the loop looks for due entries when nothing wakes it. */
  pollMs: number;
}

export interface OutboxPass {
  attempts: DeliveryAttempt[];
  delivered: number;
  /** Entries given up on in this pass (attempts or age exhausted, channel removed). */
  failed: number;
  /** Entries due but held by quiet hours, rescheduled to their end. */
  held: number;
}

const COLUMNS = 'alert_id, channel, tenant_id, group_id, rule, severity, language, alert, state, attempts, next_attempt_at, last_error, created_at, updated_at, revision';
const DUE = `SELECT ${COLUMNS} FROM alert_outbox FINAL
  WHERE state = 'pending' AND next_attempt_at <= {now:DateTime64(3, 'UTC')}
  ORDER BY next_attempt_at, alert_id, channel LIMIT {limit:UInt32}`;
const parseTime = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

export class AlertOutbox {
  private readonly limiter = new RateLimiter();
  private pass: Promise<OutboxPass> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Set by stop(): a pass in hand finishes the request it is making and leaves the rest for later. */
  private stopping = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly deps: OutboxDeps) {}

  /** Writes an entry for every channel each alert routes to, except entries already written. */
  async enqueue(alerts: Alert[]): Promise<{ queued: number; held: DeliveryAttempt[] }> {
    const { warehouse: wh, config } = this.deps;
    if (alerts.length === 0 || config.channels.length === 0) return { queued: 0, held: [] };
    const existing = new Set((await wh.query<{ k: string }>(
      `SELECT DISTINCT concat(alert_id, '/', channel) AS k FROM alert_outbox WHERE alert_id IN {ids:Array(String)}`,
      { ids: alerts.map((a) => a.alertId) })).map((r) => r.k));
    const now = this.deps.now();
    const rows: OutboxRow[] = [];
    const held: DeliveryAttempt[] = [];
    for (const a of alerts) {
      for (const d of routeAlert(a, config, new Date(now))) {
        if (existing.has(`${a.alertId}/${d.channel.name}`)) continue;
        rows.push({
          alert_id: a.alertId, channel: d.channel.name, tenant_id: a.tenantId, group_id: a.groupId, rule: a.rule, severity: a.severity,
          language: d.language, alert: JSON.stringify(a), state: 'pending', attempts: 0,
          next_attempt_at: chTime(d.heldUntil ?? now), last_error: d.held ? `held: ${d.held}` : '',
          created_at: chTime(now), updated_at: chTime(now), revision: 0,
        });
        if (d.held) held.push(heldAttempt(a.alertId, d.channel, d.held, now));
      }
    }
    await wh.insert('alert_outbox', rows);
    if (held.length) await wh.insert('alert_deliveries', held);
    return { queued: rows.length, held };
  }

  /**
   * Queues a weekly digest for each of `channels`, unless it was queued before: its id names the
   * tenant and week, so a digest is delivered once per channel however often this is called.
   */
  async enqueueDigest(d: WeeklyDigest, channels: readonly string[], language: Language): Promise<number> {
    const wh = this.deps.warehouse;
    const existing = new Set((await wh.query<{ channel: string }>(
      'SELECT DISTINCT channel FROM alert_outbox WHERE alert_id = {id:String}', { id: d.digestId })).map((r) => r.channel));
    const now = this.deps.now();
    const rows: OutboxRow[] = channels.filter((c) => !existing.has(c)).map((channel) => ({
      alert_id: d.digestId, channel, tenant_id: d.tenantId, group_id: '', rule: DIGEST_RULE, severity: 'info', language,
      alert: JSON.stringify(d), state: 'pending', attempts: 0, next_attempt_at: chTime(now), last_error: '',
      created_at: chTime(now), updated_at: chTime(now), revision: 0,
    }));
    if (rows.length) await wh.insert('alert_outbox', rows);
    return rows.length;
  }

  /** Entries still waiting for delivery. */
  async pending(): Promise<number> {
    const [row] = await this.deps.warehouse.query<{ n: number }>("SELECT count() AS n FROM alert_outbox FINAL WHERE state = 'pending'");
    return Number(row?.n ?? 0);
  }

  /** Delivers every entry due now, one attempt each; passes never overlap. */
  deliverDue(): Promise<OutboxPass> {
    const previous = this.pass ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.runPass());
    this.pass = next;
    return next;
  }

  /** Starts the delivery loop: every pollMs, and whenever `wake` is called. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Looks for due entries now (after new alerts were queued). */
  wake(): void {
    if (this.running) this.schedule(0);
  }

  /** Stops the loop and waits for the requests in flight (each bounded by timeoutMs); what is left stays queued. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.loop;
    await this.pass?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.loop = this.loop.then(async () => {
        if (!this.running) return;
        try {
          await this.deliverDue();
        } catch (err) {
          this.deps.log.warn({ err }, 'alert outbox: delivery pass failed; trying again');
        }
        if (this.running && !this.timer) this.schedule(this.deps.pollMs);
      });
    }, delayMs);
  }

  private async runPass(): Promise<OutboxPass> {
    const rows = await this.deps.warehouse.query<OutboxRow>(DUE, { now: chTime(this.deps.now()), limit: 500 });
    const pass: OutboxPass = { attempts: [], delivered: 0, failed: 0, held: 0 };
    const lanes = new Map<string, OutboxRow[]>();
    for (const r of rows) lanes.set(r.channel, [...(lanes.get(r.channel) ?? []), r]);
    // Channels are independent lanes: a webhook that hangs until its timeout delays only its own queue.
    await Promise.all([...lanes.values()].map(async (lane) => {
      for (const r of lane) {
        if (this.stopping) return;
        await this.deliverOne(r, pass);
      }
    }));
    return pass;
  }

  private async deliverOne(row: OutboxRow, pass: OutboxPass): Promise<void> {
    const { config, log } = this.deps;
    const now = this.deps.now();
    const digest = row.rule === DIGEST_RULE ? JSON.parse(row.alert) as WeeklyDigest : undefined;
    const alert = digest ? undefined : JSON.parse(row.alert) as Alert;
    const channel = config.channels.find((c) => c.name === row.channel);
    if (!channel) {
      pass.failed += 1;
      log.error({ alert: row.alert_id, channel: row.channel }, 'alert not delivered: its channel is no longer in the routing config');
      await this.update(row, { state: 'failed', last_error: `channel ${row.channel} is no longer in the routing config` }, now);
      return;
    }
    // Digests are scheduled for the morning, so quiet hours do not hold them.
    const route = alert ? routeAlert(alert, config, new Date(now)).find((d) => d.channel.name === row.channel) : undefined;
    if (route?.held && route.heldUntil !== undefined) {
      pass.held += 1;
      await this.update(row, { next_attempt_at: chTime(route.heldUntil), last_error: `held: ${route.held}` }, now);
      return;
    }
    // The channel's per-minute limit, waited out in slices so that stop() is not held up by it.
    for (let wait = this.limiter.reserve(channel.name, channel.maxPerMinute, now); wait > 0 && !this.stopping; wait -= 250) {
      await this.deps.sleep(Math.min(wait, 250));
    }
    if (this.stopping) return;
    const options = { timeoutMs: config.delivery.timeoutMs, now: this.deps.now, fetch: this.deps.fetch };
    const language = row.language as Language;
    const attempt = digest
      ? await attemptRequest(digest.digestId, channel, (at) => buildDigestRequest(channel, digest, language, at), row.attempts + 1, options)
      : await attemptDelivery(alert!, channel, language, row.attempts + 1, {
        ...options, ...(config.dashboardUrl ? { dashboardUrl: groupDashboardUrl(config.dashboardUrl, alert!) } : {}),
      });
    pass.attempts.push(attempt);
    const at = this.deps.now();
    if (attempt.ok) {
      pass.delivered += 1;
      await this.update(row, { state: 'delivered', attempts: attempt.attempt, last_error: '' }, at);
    } else {
      const { attempts, backoffMs, maxBackoffMs, giveUpAfterHours } = config.delivery;
      const tooOld = at - parseTime(row.created_at) >= giveUpAfterHours * 3_600_000;
      if (attempt.attempt >= attempts || tooOld) {
        pass.failed += 1;
        log.error({ alert: row.alert_id, rule: row.rule, group: row.group_id, channel: row.channel, attempts: attempt.attempt, error: attempt.error },
          'alert delivery given up');
        await this.update(row, { state: 'failed', attempts: attempt.attempt, last_error: attempt.error }, at);
      } else {
        const delay = Math.min(backoffMs * 2 ** (attempt.attempt - 1), maxBackoffMs);
        log.warn({ alert: row.alert_id, channel: row.channel, attempt: attempt.attempt, retryInMs: delay, error: attempt.error }, 'alert delivery failed; will retry');
        await this.update(row, { attempts: attempt.attempt, last_error: attempt.error, next_attempt_at: chTime(at + delay) }, at);
      }
    }
    await this.deps.warehouse.insert('alert_deliveries', [attempt]);
  }

  private async update(row: OutboxRow, change: Partial<OutboxRow>, at: number): Promise<void> {
    await this.deps.warehouse.insert('alert_outbox', [{ ...row, ...change, updated_at: chTime(at), revision: row.revision + 1 }]);
  }
}

function heldAttempt(alertId: string, channel: Channel, held: string, now: number): DeliveryAttempt {
  return { alert_id: alertId, channel: channel.name, target: channel.type, attempt: 0, ok: 0, status_code: 0, error: `held: ${held}`, attempted_at: chTime(now) };
}

// After each health computation: facts → rules → de-duplication → the outbox (`alert_outbox`) →
// ClickHouse `alerts` → Kafka `alerts` topic. Webhook delivery is the outbox's own loop, so the
// analytics never wait for a chat app; each attempt is recorded in `alert_deliveries`.
import { localDay } from '@qunpulse/health';
import {
  alertText, evaluateRules, throttleAlerts, parseRoutingConfig,
  type Alert, type RaisedBefore, type RoutingConfig,
} from '@qunpulse/alerts';
import type { Producer } from '@qunpulse/kafka';
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import type { DeliveryAttempt } from './deliver.js';
import { readGroupFacts, type GroupRef } from './facts.js';
import { AlertOutbox } from './outbox.js';

export interface AlerterDeps {
  warehouse: Warehouse;
  /** Produces each raised alert; omit to skip Kafka (e.g. the report-only CLI). */
  producer?: Producer;
  topic: string;
  config?: RoutingConfig;
  log: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** How often the outbox loop looks for due deliveries (default 5 s; new alerts wake it at once). */
  pollMs?: number;
}

export interface AlerterRun {
  day: string;
  evaluated: number;
  raised: Alert[];
  suppressed: number;
  /** Outbox entries written (one per alert and channel routed to). */
  queued: number;
  /** Entries held by quiet hours (they wait in the outbox until the hours end). */
  held: DeliveryAttempt[];
}

const SCOPE = `tenant_id IN {tenants:Array(String)} AND concat(tenant_id, '\\x1f', platform, '\\x1f', group_id) IN {keys:Array(String)}`;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export class Alerter {
  private readonly config: RoutingConfig;
  /** Delivers queued alerts; `start()` it in a long-running process, or call `deliverDue()`. */
  readonly outbox: AlertOutbox;

  constructor(private readonly deps: AlerterDeps) {
    this.config = deps.config ?? parseRoutingConfig({});
    this.outbox = new AlertOutbox({
      warehouse: deps.warehouse, config: this.config, log: deps.log, now: deps.now ?? Date.now,
      sleep: deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))), fetch: deps.fetch ?? fetch, pollMs: deps.pollMs ?? 5_000,
    });
  }

  /** Shaped like the analytics worker's recompute listener: `worker.onRecomputed(alerter.listener)`. */
  readonly listener = async (ctx: { asOf: number; groups: GroupRef[]; timeZone?: string }): Promise<void> => {
    await this.evaluate(ctx.groups, ctx.asOf, ctx.timeZone);
  };

  /** Evaluates the rules for the groups on the day of `asOf` in their tenants' zone. */
  async evaluate(groups: GroupRef[], asOf: number, timeZone = 'UTC'): Promise<AlerterRun> {
    const { warehouse: wh, log } = this.deps;
    const day = localDay(asOf, timeZone);
    const facts = await readGroupFacts(wh, groups, day, timeZone);
    const candidates = facts.flatMap((f) => evaluateRules(f, this.config.thresholds));
    const history = await this.history(groups, day);
    // Cooldown runs on data time (the alert's day), so replays of history behave like live data.
    const { raise, suppressed } = throttleAlerts(candidates, history, dayMs(day), this.config.cooldownHours);
    const run: AlerterRun = { day, evaluated: facts.length, raised: raise, suppressed: suppressed.length, queued: 0, held: [] };
    if (raise.length === 0) return run;

    // The outbox first: an alert recorded in `alerts` is never raised again, so it must not be
    // recorded there before its deliveries are queued.
    const { queued, held } = await this.outbox.enqueue(raise);
    run.queued = queued;
    run.held = held;
    const lang = this.config.language;
    await wh.insert('alerts', raise.map((a) => {
      const t = alertText(a, lang);
      return {
        alert_id: a.alertId, tenant_id: a.tenantId, platform: a.platform, group_id: a.groupId, group_name: a.groupName,
        rule: a.rule, severity: a.severity, day: a.day, title: t.title, detail: t.detail, action: t.action,
        evidence: JSON.stringify(a.evidence),
      };
    }));
    if (this.deps.producer) {
      await this.deps.producer.send(this.deps.topic, raise.map((a) => ({
        key: `${a.tenantId}:${a.groupId}`,
        value: JSON.stringify({ ...a, text: { [lang]: alertText(a, lang) } }),
        headers: { 'qunpulse-rule': a.rule, 'qunpulse-severity': a.severity },
      })));
    }
    log.info({ day, raised: raise.length, suppressed: suppressed.length, queued, rules: raise.map((a) => a.rule) }, 'alerts raised');
    this.outbox.wake();
    return run;
  }

  private async history(groups: GroupRef[], day: string): Promise<RaisedBefore[]> {
    const rows = await this.deps.warehouse.query<{ alert_id: string; tenant_id: string; platform: string; group_id: string; rule: string; alert_day: string }>(
      `SELECT alert_id, tenant_id, platform, group_id, rule, toString(day) AS alert_day FROM alerts FINAL
       WHERE ${SCOPE} AND day > {day:Date} - {days:UInt32} AND day <= {day:Date}`,
      {
        tenants: [...new Set(groups.map((g) => g.tenantId))],
        keys: groups.map((g) => `${g.tenantId}\u001f${g.platform}\u001f${g.groupId}`),
        day, days: Math.ceil(this.config.cooldownHours / 24) + 1,
      });
    return rows.map((r) => ({ alertId: r.alert_id, tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id, rule: r.rule, createdAt: dayMs(r.alert_day) }));
  }
}


// After each health computation: facts → rules → de-duplication → ClickHouse `alerts` → Kafka
// `alerts` topic → routed webhook deliveries, each attempt recorded in `alert_deliveries`.
import { localDay } from '@qunpulse/health';
import {
  alertText, evaluateRules, RateLimiter, routeAlert, throttleAlerts, parseRoutingConfig,
  type Alert, type RaisedBefore, type RoutingConfig,
} from '@qunpulse/alerts';
import type { Producer } from '@qunpulse/kafka';
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { deliver, type DeliveryAttempt } from './deliver.js';
import { readGroupFacts, type GroupRef } from './facts.js';

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
}

export interface AlerterRun {
  day: string;
  evaluated: number;
  raised: Alert[];
  suppressed: number;
  deliveries: DeliveryAttempt[];
  /** Deliveries that failed on every attempt or were held. */
  undelivered: DeliveryAttempt[];
}

const SCOPE = `tenant_id IN {tenants:Array(String)} AND concat(tenant_id, '\\x1f', platform, '\\x1f', group_id) IN {keys:Array(String)}`;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export class Alerter {
  private readonly config: RoutingConfig;
  private readonly limiter = new RateLimiter();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly deps: AlerterDeps) {
    this.config = deps.config ?? parseRoutingConfig({});
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.fetchFn = deps.fetch ?? fetch;
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
    const run: AlerterRun = { day, evaluated: facts.length, raised: raise, suppressed: suppressed.length, deliveries: [], undelivered: [] };
    if (raise.length === 0) return run;

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
    log.info({ day, raised: raise.length, suppressed: suppressed.length, rules: raise.map((a) => a.rule) }, 'alerts raised');

    for (const a of raise) {
      const attempts: DeliveryAttempt[] = [];
      for (const d of routeAlert(a, this.config, new Date(this.now()))) {
        if (d.held) {
          attempts.push({
            alert_id: a.alertId, channel: d.channel.name, target: d.channel.type, attempt: 0, ok: 0, status_code: 0,
            error: `held: ${d.held}`, attempted_at: new Date(this.now()).toISOString().replace('T', ' ').replace('Z', ''),
          });
          continue;
        }
        const wait = this.limiter.reserve(d.channel.name, d.channel.maxPerMinute, this.now());
        if (wait > 0) await this.sleep(wait);
        const tries = await deliver(a, d.channel, d.language, {
          ...this.config.delivery, now: this.now, sleep: this.sleep, fetch: this.fetchFn,
          ...(this.config.dashboardUrl ? { dashboardUrl: groupDashboardUrl(this.config.dashboardUrl, a) } : {}),
        });
        attempts.push(...tries);
        if (!tries.some((t) => t.ok)) {
          log.error({ alert: a.alertId, rule: a.rule, group: a.groupId, channel: d.channel.name, error: tries.at(-1)?.error }, 'alert delivery failed on every attempt');
        }
      }
      if (attempts.length) await wh.insert('alert_deliveries', attempts);
      run.deliveries.push(...attempts);
    }
    const delivered = new Set(run.deliveries.filter((t) => t.ok).map((t) => `${t.alert_id}/${t.channel}`));
    const seen = new Set<string>();
    for (const t of run.deliveries.slice().reverse()) {
      const k = `${t.alert_id}/${t.channel}`;
      if (!delivered.has(k) && !seen.has(k)) { seen.add(k); run.undelivered.push(t); }
    }
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

/** Link to the Group dashboard with the alert's group selected. */
export function groupDashboardUrl(base: string, a: Alert): string {
  const u = new URL(base.replace(/\/$/, '') + '/d/qunpulse-group/qunpulse-group');
  u.searchParams.set('var-tenant', a.tenantId);
  u.searchParams.set('var-platform', a.platform);
  u.searchParams.set('var-purpose', '__all');
  u.searchParams.set('var-group', a.groupId);
  return u.toString();
}

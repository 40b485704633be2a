// A simulated tenant whose groups decline, die and lose their KOLs, streamed day by day through the
// real analytics with the alerter after every weekly recompute (as `qunpulse run` wires it): the
// alerts reach local stand-ins for every webhook type, and name the groups the ground truth says
// are in trouble.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoutingConfig, type Alert } from '@qunpulse/alerts';
import { Alerter, type AlerterRun } from '@qunpulse/alerter';
import { silentLogger } from '@qunpulse/runtime';
import { DAY_MS, type GroundTruth } from '@qunpulse/simulator';
import type { Warehouse } from '@qunpulse/warehouse';
import { SIMULATED_SETUP_MS, simulatedWarehouse } from './support/simulated.js';
import { startWebhookServer, type WebhookServer } from './support/webhooks.js';

const TROUBLED = new Set(['declining', 'kol_collapse', 'scan_and_die', 'ad_overrun', 'red_packet_farm', 'fade']);

describe('alerts on a simulated tenant in decline', () => {
  let wh: Warehouse;
  let truth: GroundTruth;
  let hooks: WebhookServer;
  const runs: AlerterRun[] = [];
  let raised: Alert[] = [];

  beforeAll(async () => {
    hooks = await startWebhookServer();
    hooks.failNext('webhook-down', 1_000_000, 502);
    const config = parseRoutingConfig({
      language: 'zh',
      delivery: { attempts: 2, backoffMs: 5, timeoutMs: 2_000 },
      channels: [
        { name: 'wecom', type: 'wecom', url: hooks.url('wecom?key=k') },
        { name: 'dingtalk', type: 'dingtalk', url: hooks.url('dingtalk?access_token=t'), secret: 'SECsim' },
        { name: 'feishu', type: 'feishu', url: hooks.url('feishu'), secret: 'fs' },
        { name: 'slack', type: 'slack', url: hooks.url('slack') },
        { name: 'json', type: 'webhook', url: hooks.url('webhook') },
        { name: 'down', type: 'webhook', url: hooks.url('webhook-down') },
      ],
      routes: ['wecom', 'dingtalk', 'feishu', 'slack', 'json', 'down'].map((channel) => ({ channel, ...(channel === 'slack' ? { language: 'en' as const } : {}) })),
    });
    let alerter: Alerter | undefined;
    ({ wh, truth } = await simulatedWarehouse({
      groups: 20, days: 84, seed: 11,
      afterRecompute: async (ctx) => {
        alerter ??= new Alerter({ warehouse: ctx.warehouse, topic: '', config, log: silentLogger(), sleep: async () => {} });
        runs.push(await alerter.evaluate(ctx.groups, ctx.asOf));
        // Let the outbox deliver what was queued, retries included (5 ms backoff).
        while ((await alerter.outbox.pending()) > 0) {
          await alerter.outbox.deliverDue();
          await new Promise((r) => setTimeout(r, 10));
        }
      },
    }));
    raised = runs.flatMap((r) => r.raised);
  }, SIMULATED_SETUP_MS);

  afterAll(async () => {
    await hooks?.close();
    await wh?.close();
  });

  const archetype = (a: Alert) => truth.groups.find((g) => g.groupId === a.groupId && g.platform === a.platform)!.archetype;

  it('raises dying and died alerts only for groups the simulation drove into decline', () => {
    const fatal = raised.filter((a) => a.rule === 'group_dying' || a.rule === 'group_died');
    expect(fatal.length).toBeGreaterThan(0);
    for (const a of fatal) expect(TROUBLED, `${a.rule} for ${a.groupId} (${archetype(a)})`).toContain(archetype(a));
  });

  it('names the departed top KOL and successors for groups whose KOL left', () => {
    const evaluatedFrom = truth.start + 28 * DAY_MS;
    const departures = truth.groups.filter((g) => g.kolDepartedAt !== undefined && g.kolDepartedAt > evaluatedFrom && g.kolDepartedAt < truth.end - DAY_MS);
    expect(departures.length).toBeGreaterThan(0);
    for (const g of departures) {
      const alert = raised.find((a) => a.rule === 'kol_departed' && a.groupId === g.groupId);
      expect(alert, `kol_departed for ${g.groupId} (${g.archetype})`).toBeDefined();
      expect(String(alert!.evidence.departed).split(',')).toContain(g.kols[0]);
      expect(alert!.suggestedHosts).not.toContain(g.kols[0]);
    }
  });

  it('delivers every alert to every chat app in its documented shape', () => {
    const n = raised.length;
    expect(hooks.received('wecom')).toHaveLength(n);
    expect(hooks.received('feishu')).toHaveLength(n);
    expect(hooks.received('slack')).toHaveLength(n);
    expect(hooks.received('webhook')).toHaveLength(n);
    const ding = hooks.received('dingtalk');
    expect(ding).toHaveLength(n);
    for (const r of ding) {
      const ts = r.query.get('timestamp')!;
      expect(r.query.get('sign')).toBe(createHmac('sha256', 'SECsim').update(`${ts}\nSECsim`).digest('base64'));
    }
    for (const r of hooks.received('wecom')) {
      const b = r.body as { msgtype: string; markdown: { content: string } };
      expect(b.msgtype).toBe('markdown');
      expect(b.markdown.content).toMatch(/\*\*建议\*\*: \S/);
    }
  });

  it('retries the webhook that is down and records each failure', async () => {
    expect(hooks.received('webhook-down')).toHaveLength(raised.length * 2);
    const [row] = await wh.query<{ failed: number; alerts: number }>(
      "SELECT countIf(ok = 0 AND status_code = 502) AS failed, uniqExact(alert_id) AS alerts FROM alert_deliveries WHERE channel = 'down'");
    expect(row).toEqual({ failed: raised.length * 2, alerts: raised.length });
    const undelivered = await wh.query<{ channel: string; state: string; attempts: number }>(
      "SELECT channel, state, attempts FROM alert_outbox FINAL WHERE state != 'delivered'");
    expect(undelivered).toHaveLength(raised.length);
    expect(undelivered.every((d) => d.channel === 'down' && d.state === 'failed' && d.attempts === 2)).toBe(true);
  });
});

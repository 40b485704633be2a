// A group in decline, written into the analytics tables, raises alerts that the outbox delivers to
// a local stand-in for every webhook type with the payload each platform documents; a webhook that
// is down is retried with backoff and its failure recorded.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoutingConfig } from '@qunpulse/alerts';
import { Alerter, type AlerterRun, type DeliveryAttempt } from '@qunpulse/alerter';
import type { KafkaBus, Producer } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { testBus, testWarehouse, waitFor } from './support/kit.js';
import { startWebhookServer, type WebhookServer } from './support/webhooks.js';

const T = 'acme';
const P = 'wecom';
const G = 'g-book-club';
const DAY = Date.UTC(2026, 5, 30);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const day = (offset: number) => iso(DAY + offset * 86_400_000);

async function writeDecline(wh: Warehouse): Promise<void> {
  const health = (d: number, status: string, score: number) => ({
    tenant_id: T, platform: P, group_id: G, day: day(d), group_name: '读书会', purpose: 'interest', created_at: '2026-04-01 00:00:00',
    status, health_score: score, growth_score: score, retention_score: score, activity_score: score, structure_score: score,
    members: 140, active_members_7d: 6, messages_7d: 90, reason_codes: ['kol_departed', 'newcomers_ignored'], reason_details: [],
  });
  await wh.insert('group_health_daily', [health(-2, 'stable', 61), health(-1, 'declining', 38), health(0, 'dying', 17)]);
  const activity = [];
  for (let d = -34; d <= 0; d++) {
    const last7 = d > -7;
    activity.push({
      tenant_id: T, platform: P, group_id: G, day: day(d), members: 140, human_messages: last7 ? 10 : 60, system_messages: 0,
      ad_messages: last7 ? 20 : 0, red_packet_messages: 0, red_packet_replies: 0, speakers: 5, active_1d: 5, active_7d: 20,
      active_28d: 60, stickiness: 0.2, lurker_share: 0.6, content_producers: 2, reply_rate: 0.3, median_first_reply_s: 600,
      newcomers: d >= -7 && d < 0 ? 2 : 1, newcomers_welcomed: d >= -7 && d < 0 ? 0 : 1, joins_invite: 1, joins_qr_code: last7 ? 1 : 0, joins_link: 0,
      joins_admin: 0, joins_unknown: 0, leaves_quit: last7 ? 3 : 0, leaves_removed: 0, leaves_unknown: 0,
    });
  }
  await wh.insert('group_activity_daily', activity);
  const kols = [];
  for (let d = -20; d <= 0; d++) {
    const members = d < -3 ? ['kol-ann', 'bo', 'cy', 'dee'] : ['bo', 'cy', 'dee'];
    members.forEach((m, i) => kols.push({
      tenant_id: T, platform: P, group_id: G, member_id: m, day: day(d), weighted_in_degree: 10 - i, pagerank: 0.3 - i * 0.05,
      betweenness: 0.2, betweenness_mode: 'exact', coreness: 3, messages: 20, replies_received: 10, score: 1 - i * 0.2,
      rank: i + 1, is_spammer: 0,
    }));
  }
  await wh.insert('member_kol_daily', kols);
  await loadEvents(wh, [
    { eventId: 'join-ann', tenantId: T, platform: P, groupId: G, type: 'member_joined', memberId: 'kol-ann', occurredAt: Date.UTC(2026, 3, 2), join: { via: 'invite', inviterId: 'owner' } },
    { eventId: 'left-ann', tenantId: T, platform: P, groupId: G, type: 'member_left', memberId: 'kol-ann', occurredAt: DAY - 3 * 86_400_000 + 3_600_000, leave: { reason: 'quit' } },
  ]);
}

describe('alerts for a declining group', () => {
  let wh: Warehouse;
  let bus: KafkaBus;
  let producer: Producer;
  let hooks: WebhookServer;
  let alerter: Alerter;
  let run: AlerterRun;
  const clock = { now: DAY + 20 * 3_600_000 }; // 04:00 the next day in Shanghai: outside quiet hours
  const deliveries: DeliveryAttempt[] = [];
  let receivedBeforeDelivery = 0;

  beforeAll(async () => {
    [wh, bus, hooks] = await Promise.all([testWarehouse(), testBus('alerts'), startWebhookServer()]);
    producer = await bus.producer();
    await writeDecline(wh);
    const config = parseRoutingConfig({
      language: 'en',
      quietHours: { start: '23:00', end: '03:00', timeZone: 'Asia/Shanghai' },
      dashboardUrl: 'http://grafana.example:3000',
      delivery: { attempts: 3, backoffMs: 250, timeoutMs: 2_000 },
      channels: [
        { name: 'ops-wecom', type: 'wecom', url: hooks.url('wecom?key=robot-key') },
        { name: 'ops-dingtalk', type: 'dingtalk', url: hooks.url('dingtalk?access_token=tok'), secret: 'SECdingtalk' },
        { name: 'ops-feishu', type: 'feishu', url: hooks.url('feishu'), secret: 'feishu-secret' },
        { name: 'growth-slack', type: 'slack', url: hooks.url('slack') },
        { name: 'warehouse-hook', type: 'webhook', url: hooks.url('webhook') },
        { name: 'broken-hook', type: 'webhook', url: hooks.url('webhook-down') },
      ],
      routes: [
        { channel: 'ops-wecom', language: 'zh' },
        { channel: 'ops-dingtalk', language: 'zh' },
        { channel: 'ops-feishu' },
        { channel: 'growth-slack', tenants: [T] },
        { channel: 'warehouse-hook' },
        { channel: 'broken-hook', severities: ['critical'] },
        { channel: 'growth-slack', tenants: ['someone-else'] },
      ],
    });
    hooks.failNext('dingtalk', 1, 503);
    hooks.failNext('webhook-down', 1_000, 500);
    alerter = new Alerter({
      warehouse: wh, producer, topic: bus.topics.alerts, config, log: silentLogger(),
      now: () => clock.now, sleep: async () => {},
    });
    run = await alerter.evaluate([{ tenantId: T, platform: P, groupId: G }], DAY + 86_399_000);
    receivedBeforeDelivery = ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook', 'webhook-down'].reduce((n, p) => n + hooks.received(p).length, 0);
    // Three passes of the outbox, the clock moved on by each backoff (250 ms, then 500 ms).
    for (const step of [0, 250, 500]) {
      clock.now += step;
      deliveries.push(...(await alerter.outbox.deliverDue()).attempts);
    }
  });

  afterAll(async () => {
    await bus?.close();
    await hooks?.close();
    await wh?.close();
  });

  it('queues the deliveries and leaves sending to the outbox, so the analytics never wait for a webhook', () => {
    expect(receivedBeforeDelivery).toBe(0);
    expect(run.queued).toBe(5 * 5 + 2); // five alerts to five channels, the two critical ones also to broken-hook
  });

  it('raises each rule the group broke, with its evidence', () => {
    expect(run.raised.map((a) => a.rule).sort()).toEqual(['ad_surge', 'churn_spike', 'group_dying', 'kol_departed', 'newcomers_ignored']);
    const kol = run.raised.find((a) => a.rule === 'kol_departed')!;
    expect(kol.evidence).toMatchObject({ departed: 'kol-ann', departed_top_rank: 1 });
    expect(kol.suggestedHosts).toEqual(['bo', 'cy', 'dee']);
    expect(run.raised.find((a) => a.rule === 'churn_spike')!.evidence).toMatchObject({ leaves_7d: 21, leaves_baseline_7d: 0 });
  });

  it('delivers WeCom markdown in Chinese naming the group, the numbers and the action', () => {
    const got = hooks.received('wecom');
    expect(got).toHaveLength(5);
    expect(got[0]!.query.get('key')).toBe('robot-key');
    const contents = got.map((r) => (r.body as { msgtype: string; markdown: { content: string } }));
    expect(contents.every((b) => b.msgtype === 'markdown')).toBe(true);
    const ignored = contents.find((b) => b.markdown.content.includes('新人无人理睬'))!.markdown.content;
    expect(ignored).toContain('读书会');
    expect(ignored).toContain('近7日 14 位新人入群,只有 0 位得到回应');
    expect(ignored).toContain('指定一位欢迎官');
    expect(ignored).toContain('var-group=g-book-club');
  });

  it('signs every DingTalk request and retries the one that failed', () => {
    const got = hooks.received('dingtalk');
    expect(got).toHaveLength(6);
    for (const r of got) {
      const ts = r.query.get('timestamp')!;
      const expected = createHmac('sha256', 'SECdingtalk').update(`${ts}\nSECdingtalk`).digest('base64');
      expect(r.query.get('sign')).toBe(expected);
      expect(r.query.get('access_token')).toBe('tok');
      const body = r.body as { msgtype: string; markdown: { title: string; text: string } };
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.title).toMatch(/^\[(严重|警告)\] /);
    }
    const dingtalk = deliveries.filter((d) => d.channel === 'ops-dingtalk');
    expect(dingtalk.filter((d) => d.ok === 0)).toMatchObject([{ attempt: 1, status_code: 503 }]);
    expect(dingtalk.filter((d) => d.ok === 1)).toHaveLength(5);
  });

  it('sends Feishu signed interactive cards, Slack blocks and the generic JSON alert', () => {
    const feishu = hooks.received('feishu');
    expect(feishu).toHaveLength(5);
    for (const r of feishu) {
      const b = r.body as { msg_type: string; timestamp: string; sign: string; card: { header: { title: { content: string } } } };
      expect(b.msg_type).toBe('interactive');
      expect(b.sign).toBe(createHmac('sha256', `${b.timestamp}\nfeishu-secret`).update('').digest('base64'));
    }
    const slack = hooks.received('slack').map((r) => r.body as { text: string; blocks: { type: string }[] });
    expect(slack).toHaveLength(5);
    const kol = slack.find((b) => b.text.includes('KOL departed'))!;
    expect(kol.text).toContain('Ask the next most central members to host: bo, cy, dee');
    expect(kol.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
    const generic = hooks.received('webhook').map((r) => r.body as { schema: string; alert: { rule: string; groupId: string } });
    expect(generic.map((b) => b.alert.rule).sort()).toEqual(run.raised.map((a) => a.rule).sort());
    expect(generic.every((b) => b.schema === 'qunpulse.alert/v1' && b.alert.groupId === G)).toBe(true);
  });

  it('retries a webhook that is down with backoff, records every failed attempt, then gives up', async () => {
    const critical = run.raised.filter((a) => a.severity === 'critical');
    expect(critical.length).toBe(2);
    expect(hooks.received('webhook-down')).toHaveLength(critical.length * 3);
    const rows = await wh.query<{ alert_id: string; attempt: number; ok: number; status_code: number; error: string; at: number }>(
      "SELECT alert_id, attempt, ok, status_code, error, toUnixTimestamp64Milli(attempted_at) AS at FROM alert_deliveries WHERE channel = 'broken-hook' ORDER BY alert_id, attempt");
    expect(rows).toHaveLength(critical.length * 3);
    expect(rows.every((r) => r.ok === 0 && r.status_code === 500 && r.error.startsWith('HTTP 500'))).toBe(true);
    for (const id of critical.map((a) => a.alertId)) {
      const at = rows.filter((r) => r.alert_id === id).map((r) => Number(r.at));
      expect([at[1]! - at[0]!, at[2]! - at[1]!]).toEqual([250, 500]);
    }
    const outbox = await wh.query<{ channel: string; state: string; attempts: number }>(
      'SELECT channel, state, attempts FROM alert_outbox FINAL ORDER BY channel, alert_id');
    expect(outbox.filter((o) => o.state !== 'delivered')).toEqual(critical.map(() => ({ channel: 'broken-hook', state: 'failed', attempts: 3 })));
    expect(await alerter.outbox.pending()).toBe(0);
  });

  it('sends each delivery with a stable idempotency key', () => {
    const keys = hooks.received('webhook').map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(run.raised.length);
    expect(keys.sort()).toEqual(run.raised.map((a) => `${a.alertId}:warehouse-hook`).sort());
    const retried = hooks.received('webhook-down').map((r) => r.headers['idempotency-key']);
    expect(new Set(retried).size).toBe(2);
  });

  it('stores the alerts and produces them to the alerts topic', async () => {
    const stored = await wh.query<{ rule: string; title: string; action: string; evidence: string }>('SELECT rule, title, action, evidence FROM alerts FINAL ORDER BY rule');
    expect(stored.map((r) => r.rule)).toEqual(['ad_surge', 'churn_spike', 'group_dying', 'kol_departed', 'newcomers_ignored']);
    expect(JSON.parse(stored.find((r) => r.rule === 'ad_surge')!.evidence)).toMatchObject({ ad_messages_7d: 140 });
    const seen: { rule: string }[] = [];
    const consumer = await bus.consumer({ groupId: 'alerts-test', topics: [bus.topics.alerts] });
    void consumer.run(async (batch) => { for (const r of batch.records) seen.push(JSON.parse(r.value!.toString()) as { rule: string }); });
    await waitFor(async () => seen.length >= 5, 'alerts on the topic', 30_000);
    expect(seen.map((a) => a.rule).sort()).toEqual(['ad_surge', 'churn_spike', 'group_dying', 'kol_departed', 'newcomers_ignored']);
    await consumer.stop();
  });

  it('raises nothing twice, and only the new transition when the group dies', async () => {
    const before = hooks.received('wecom').length;
    const again = await alerter.evaluate([{ tenantId: T, platform: P, groupId: G }], DAY + 86_399_000);
    expect(again.raised).toEqual([]);
    await alerter.outbox.deliverDue();
    expect(hooks.received('wecom')).toHaveLength(before);

    await wh.insert('group_health_daily', [{
      tenant_id: T, platform: P, group_id: G, day: day(1), group_name: '读书会', purpose: 'interest', created_at: '2026-04-01 00:00:00',
      status: 'dead', health_score: 3, growth_score: 0, retention_score: 0, activity_score: 0, structure_score: 0,
      members: 120, active_members_7d: 0, messages_7d: 0, reason_codes: ['silent'], reason_details: [],
    }]);
    clock.now += 86_400_000;
    const next = await alerter.evaluate([{ tenantId: T, platform: P, groupId: G }], DAY + 86_400_000 + 86_399_000);
    expect(next.raised.map((a) => a.rule)).toEqual(['group_died']);
    expect(next.suppressed).toBeGreaterThan(0);
    await alerter.outbox.deliverDue();
    expect(hooks.received('wecom')).toHaveLength(before + 1);
  });

  it('holds non-critical alerts in quiet hours and records why', async () => {
    await wh.insert('group_health_daily', [{
      tenant_id: T, platform: P, group_id: 'g-quiet', day: day(0), group_name: 'Night owls', purpose: 'interest', created_at: '2026-04-01 00:00:00',
      status: 'stable', health_score: 55, growth_score: 0, retention_score: 0, activity_score: 0, structure_score: 0,
      members: 50, active_members_7d: 10, messages_7d: 40, reason_codes: [], reason_details: [],
    }]);
    await wh.insert('group_activity_daily', [{
      tenant_id: T, platform: P, group_id: 'g-quiet', day: day(-1), members: 50, human_messages: 10, system_messages: 0, ad_messages: 0,
      red_packet_messages: 0, red_packet_replies: 0, speakers: 4, active_1d: 4, active_7d: 10, active_28d: 20, stickiness: 0.2,
      lurker_share: 0.5, content_producers: 1, reply_rate: 0.5, median_first_reply_s: 60, newcomers: 6, newcomers_welcomed: 0,
      joins_invite: 6, joins_qr_code: 0, joins_link: 0, joins_admin: 0, joins_unknown: 0, leaves_quit: 0, leaves_removed: 0, leaves_unknown: 0,
    }]);
    clock.now = Date.UTC(2026, 5, 30, 16); // 00:00 in Shanghai
    const night = await alerter.evaluate([{ tenantId: T, platform: P, groupId: 'g-quiet' }], DAY + 86_399_000);
    expect(night.raised.map((a) => a.rule)).toEqual(['newcomers_ignored']);
    expect(night.held.length).toBe(5);
    expect(night.held.every((d) => d.ok === 0 && d.attempt === 0 && d.error.startsWith('held: quiet hours 23:00-03:00'))).toBe(true);
    const held = await wh.query<{ n: number }>("SELECT count() AS n FROM alert_deliveries WHERE startsWith(error, 'held: quiet hours')");
    expect(held[0]!.n).toBe(night.held.length);

    // Held, not dropped: it waits in the outbox until 03:00 in Shanghai, then goes out.
    const slack = hooks.received('slack').length;
    expect((await alerter.outbox.deliverDue()).attempts).toEqual([]);
    const [entry] = await wh.query<{ next: string }>(
      "SELECT toString(next_attempt_at) AS next FROM alert_outbox FINAL WHERE channel = 'growth-slack' AND group_id = 'g-quiet'");
    expect(entry!.next).toBe('2026-06-30 19:00:00.000');
    clock.now = Date.UTC(2026, 5, 30, 19, 0, 5);
    const morning = await alerter.outbox.deliverDue();
    expect(morning.attempts.map((a) => a.ok)).toEqual([1, 1, 1, 1, 1]);
    expect(hooks.received('slack')).toHaveLength(slack + 1);
  });
});

// The weekly digest of a tenant in Asia/Shanghai, with known answers: one group turned dying, one
// KOL joined the top three and one left it, one member is fading, three people (one linked across
// two platforms) joined during the week and one of them stayed and spoke. It is queued once the
// tenant's Monday 09:00 has passed and its Sunday is judged, and delivered once to a local stand-in
// for WeCom, DingTalk, Feishu and Slack in each platform's documented shape, a failure retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingtalkSign, feishuSign, parseRoutingConfig } from '@qunpulse/alerts';
import { Alerter, DigestScheduler } from '@qunpulse/alerter';
import { dayNumber, linkPersons, parsePersonLinks, readJudgedTenants, setTenantTimeZone, writeWatermark } from '@qunpulse/analytics-worker';
import type { ChatEventInput } from '@qunpulse/contracts';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { testWarehouse } from './support/kit.js';
import { startWebhookServer, type WebhookServer } from './support/webhooks.js';

const T = 'acme';
const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2026, 5, 1) - 8 * HOUR; // 2026-06-01 00:00 in Shanghai: the digest's week
const NEXT_MONDAY = MONDAY + 7 * DAY;
const chTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

async function writeWeek(wh: Warehouse): Promise<void> {
  await setTenantTimeZone(wh, T, TZ);
  const health = (day: string, group: string, name: string, status: string) => ({
    tenant_id: T, platform: 'wecom', group_id: group, day, group_name: name, purpose: 'interest', created_at: '2026-01-01 00:00:00',
    status, health_score: 50, growth_score: 50, retention_score: 50, activity_score: 50, structure_score: 50,
    members: 100, active_members_7d: 10, messages_7d: 100, reason_codes: [], reason_details: [],
  });
  await wh.insert('group_health_daily', [
    health('2026-05-31', 'g-book', '读书会', 'stable'), health('2026-06-07', 'g-book', '读书会', 'dying'),
    health('2026-05-31', 'g-run', '跑步群', 'thriving'), health('2026-06-07', 'g-run', '跑步群', 'thriving'),
  ]);
  const kol = (day: string, member: string, rank: number, platform = 'wecom') => ({
    tenant_id: T, platform, member_id: member, day, horizon: 'current', groups: 1, weighted_in_degree: 10, pagerank: 0.1, betweenness: 0,
    score: 1 - rank / 10, rank, is_bridge: 0, bridge_groups: 0, is_spammer: 0, messages: 10, replies_received: 10,
  });
  await wh.insert('tenant_kol_daily', [
    kol('2026-05-31', 'ann', 1), kol('2026-05-31', 'bo', 2), kol('2026-05-31', 'cy', 3), kol('2026-05-31', 'dee', 4),
    kol('2026-06-07', 'bo', 1), kol('2026-06-07', 'dee', 2), kol('2026-06-07', 'cy', 3), kol('2026-06-07', 'ann', 5),
  ]);
  // Newcomers of the week: n1 on WeCom and Telegram (linked: one person) spoke; n2 never spoke; n3 left.
  const joined = (platform: string, member: string, at: number, spoke: boolean, left: boolean) => ({
    tenant_id: T, platform, group_id: 'g-book', member_id: member, joined_at: chTime(at), join_week: '2026-06-01', join_via: 'link',
    inviter_id: '', left_at: left ? chTime(at + DAY) : null, first_spoke_at: spoke ? chTime(at + HOUR) : null,
    last_spoke_at: spoke ? chTime(at + HOUR) : null, retained_d1: null, retained_d7: null, retained_d30: null, churned: left ? 1 : 0,
    silent_churned: 0, as_of: '2026-06-07',
  });
  await wh.insert('member_retention', [
    joined('wecom', 'n1', MONDAY + 2 * DAY, true, false), joined('telegram', 'tg-n1', MONDAY + 3 * DAY, false, false),
    joined('wecom', 'n2', MONDAY + 4 * DAY, false, false), joined('wecom', 'n3', MONDAY + 5 * DAY, true, true),
    joined('wecom', 'old', MONDAY - 20 * DAY, true, false),
  ]);
  await linkPersons(wh, T, parsePersonLinks({ persons: [{ person: 'crm-n1', members: [{ platform: 'wecom', memberId: 'n1' }, { platform: 'telegram', memberId: 'tg-n1' }] }] }, 'test'), 'api');
  // The segments step's verdicts on the week's last day: fay wrote 56 messages in weeks 5–8 back and
  // 1 in the last 14 days (fading), gus kept writing, hank left. An older day's fading is not this week's.
  const segment = (day: string, member: string, seg: string, prior: number, recent: number, group = 'g-book') => ({
    tenant_id: T, platform: 'wecom', group_id: group, member_id: member, day, segment: seg,
    messages_14d: recent, messages_28d: recent, messages_prior_28d: prior, days_28d: recent, last_spoke_day: null,
  });
  await wh.insert('member_segment_daily', [
    segment('2026-06-07', 'fay', 'fading', 56, 1), segment('2026-06-07', 'gus', 'regular', 28, 14),
    segment('2026-06-07', 'hank', 'churned', 56, 0), segment('2026-06-07', 'fay', 'fading', 56, 1, ''),
    segment('2026-05-31', 'gus', 'fading', 40, 2),
  ]);
  const events: ChatEventInput[] = [{ eventId: 'm1', tenantId: T, platform: 'wecom', groupId: 'g-book', type: 'message', memberId: 'gus', occurredAt: NEXT_MONDAY - DAY, message: { kind: 'text' } }];
  await loadEvents(wh, events);
}

describe('weekly digest', () => {
  let wh: Warehouse;
  let hooks: WebhookServer;
  let alerter: Alerter;
  const clock = { now: NEXT_MONDAY + 9 * HOUR - 60_000 }; // 08:59 Monday in Shanghai
  const config = () => parseRoutingConfig({
    language: 'zh',
    delivery: { attempts: 5, backoffMs: 1_000, timeoutMs: 2_000 },
    channels: [
      { name: 'ops-wecom', type: 'wecom', url: hooks.url('wecom-digest?key=robot-key') },
      { name: 'ops-dingtalk', type: 'dingtalk', url: hooks.url('dingtalk-digest?access_token=tok'), secret: 'SECdingtalk' },
      { name: 'ops-feishu', type: 'feishu', url: hooks.url('feishu-digest'), secret: 'feishu-secret' },
      { name: 'growth-slack', type: 'slack', url: hooks.url('slack-digest') },
    ],
    digest: { channels: ['ops-wecom', 'ops-dingtalk', 'ops-feishu', 'growth-slack'], reportUrl: 'https://qunpulse.example/reports/{tenant}', topKols: 3 },
  });
  const scheduler = (a: Alerter) => new DigestScheduler({
    warehouse: wh, outbox: a.outbox, config: config().digest!, language: 'zh', log: silentLogger(), tenants: () => readJudgedTenants(wh),
  });
  const paths = ['wecom-digest', 'dingtalk-digest', 'feishu-digest', 'slack-digest'];

  beforeAll(async () => {
    [wh, hooks] = await Promise.all([testWarehouse(), startWebhookServer()]);
    await writeWeek(wh);
    alerter = new Alerter({ warehouse: wh, topic: '', config: config(), log: silentLogger(), now: () => clock.now, sleep: async () => {} });
  });
  afterAll(async () => {
    await hooks?.close();
    await wh?.close();
  });

  it('waits for Monday 09:00 in the tenant zone, then for its Sunday to be judged', async () => {
    await writeWatermark(wh, 'judged_day', dayNumber('2026-06-06'), T);
    expect(await scheduler(alerter).run(clock.now)).toEqual({ queued: [], waiting: [] });
    clock.now += 2 * 60_000;
    expect(await scheduler(alerter).run(clock.now)).toEqual({ queued: [], waiting: [T] });
  });

  it('says what changed in the week, with known answers', async () => {
    await writeWatermark(wh, 'judged_day', dayNumber('2026-06-07'), T);
    const { queued } = await scheduler(alerter).run(clock.now);
    expect(queued).toHaveLength(1);
    const d = queued[0]!;
    expect(d).toMatchObject({ digestId: 'digest:acme:2026-06-01', weekStart: '2026-06-01', weekEnd: '2026-06-07', reportUrl: 'https://qunpulse.example/reports/acme' });
    expect(d.statusChanges).toEqual([{ platform: 'wecom', groupId: 'g-book', groupName: '读书会', from: 'stable', to: 'dying' }]);
    expect(d.newKols).toEqual([{ member: 'dee', platforms: ['wecom'], rank: 2 }]);
    expect(d.lostKols).toEqual([{ member: 'ann', platforms: ['wecom'], rank: 1 }]);
    // 56 messages in weeks 5–8 back (28 per 14 days), then 1 in the last 14 days.
    expect(d.fading).toEqual([{ platform: 'wecom', groupId: 'g-book', groupName: '读书会', memberId: 'fay', before: 28, recent: 1 }]);
    expect(d.newcomers).toEqual({ joined: 3, spoke: 1 });
  });

  it('delivers one message to each chat app in its documented shape, retrying a failure', async () => {
    hooks.failNext('slack-digest', 1, 503);
    const first = await alerter.outbox.deliverDue();
    expect(first.delivered).toBe(3);
    clock.now += 1_000;
    const second = await alerter.outbox.deliverDue();
    expect(second.delivered).toBe(1);
    for (const p of paths) expect(hooks.received(p).filter((r) => r.status === 200), p).toHaveLength(1);

    const wecom = hooks.received('wecom-digest')[0]!;
    expect(wecom.query.get('key')).toBe('robot-key');
    expect(wecom.headers['idempotency-key']).toBe('digest:acme:2026-06-01:ops-wecom');
    const content = (wecom.body as { msgtype: string; markdown: { content: string } });
    expect(content.msgtype).toBe('markdown');
    expect(content.markdown.content).toBe([
      '### qunpulse 周报 · acme · 2026-06-01 至 2026-06-07', '',
      '**本周状态变化的群**', '- 读书会: 稳定 → 濒死', '',
      '**KOL**', '- 新晋KOL: dee (wecom, 第2名)', '- 跌出前列的KOL: ann (wecom, 第1名)', '',
      '**值得联系的渐冷成员**', '- fay @ 读书会: 近14天 1 条消息,此前每14天约 28 条', '',
      '**本周新人留存**', '- 3 人加入,其中 1 人仍在群内并已发言(33%)。', '',
      '[查看完整报告](https://qunpulse.example/reports/acme)',
    ].join('\n'));

    const ding = hooks.received('dingtalk-digest')[0]!;
    const ts = Number(ding.query.get('timestamp'));
    expect(ding.query.get('sign')).toBe(dingtalkSign('SECdingtalk', ts));
    const dingBody = ding.body as { msgtype: string; markdown: { title: string; text: string } };
    expect(dingBody.msgtype).toBe('markdown');
    expect(dingBody.markdown.title).toBe('qunpulse 周报 · acme · 2026-06-01 至 2026-06-07');
    expect(dingBody.markdown.text).toBe(content.markdown.content);

    const feishu = hooks.received('feishu-digest')[0]!.body as {
      msg_type: string; timestamp: string; sign: string;
      card: { header: { title: { content: string } }; elements: { tag: string; text?: { content: string }; actions?: { url: string }[] }[] };
    };
    expect(feishu.msg_type).toBe('interactive');
    expect(feishu.sign).toBe(feishuSign('feishu-secret', Number(feishu.timestamp)));
    expect(feishu.card.header.title.content).toBe('qunpulse 周报 · acme · 2026-06-01 至 2026-06-07');
    expect(feishu.card.elements.map((e) => e.tag)).toEqual(['div', 'div', 'div', 'div', 'action']);
    expect(feishu.card.elements[3]!.text!.content).toBe('**本周新人留存**\n- 3 人加入,其中 1 人仍在群内并已发言(33%)。');
    expect(feishu.card.elements[4]!.actions![0]!.url).toBe('https://qunpulse.example/reports/acme');

    const slack = hooks.received('slack-digest').at(-1)!.body as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(slack.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'section', 'context']);
    expect(slack.blocks[2]!.text!.text).toBe('*KOL*\n• 新晋KOL: dee (wecom, 第2名)\n• 跌出前列的KOL: ann (wecom, 第1名)');
    expect(slack.text).toContain('<https://qunpulse.example/reports/acme|查看完整报告>');
  });

  it('is sent once per week, also after a restart', async () => {
    clock.now += 3 * HOUR;
    const restarted = new Alerter({ warehouse: wh, topic: '', config: config(), log: silentLogger(), now: () => clock.now, sleep: async () => {} });
    expect((await scheduler(restarted).run(clock.now)).queued).toEqual([]);
    expect((await restarted.outbox.deliverDue()).attempts).toEqual([]);
    expect(paths.map((p) => hooks.received(p).filter((r) => r.status === 200).length)).toEqual([1, 1, 1, 1]);
  });
});

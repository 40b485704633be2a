// Response times through the real analytics and warehouse, with known answers: a support group's
// waits in Asia/Shanghai work hours (a 17:50 question answered at 09:10 the next work day waited
// 20 minutes), acknowledgements and a bot that neither ask nor answer, p50/p90 per group and per
// staff member, a group the tenant chose, and the alert on the day the service level breaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import { Alerter } from '@qunpulse/alerter';
import { buildReport, listGroups, recompute, renderReportText, setTenantAccounts, setTenantSla, setTenantTimeZone, type GroupSlaReport } from '@qunpulse/analytics-worker';
import { dayEnd, dayStart } from '@qunpulse/health';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { testWarehouse } from './support/kit.js';

const TZ = 'Asia/Shanghai';
const T = 'sla-co';
const at = (day: string, hhmm: string) => dayStart(day, TZ) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;
let n = 0;
const say = (groupId: string, memberId: string, day: string, hhmm: string, text: string): ChatEventInput => ({
  eventId: `s${++n}`, tenantId: T, platform: 'wecom', groupId, type: 'message', memberId, occurredAt: at(day, hhmm), message: { kind: 'text', text, length: text.length },
});
const created = (groupId: string, purpose: 'support' | 'interest', day: string): ChatEventInput => ({
  eventId: `c-${groupId}`, tenantId: T, platform: 'wecom', groupId, type: 'group_created', occurredAt: at(day, '08:00'), group: { name: groupId, purpose },
});

// 2026-03-10 is a Tuesday.
const conversation = (groupId: string): ChatEventInput[] => [
  say(groupId, 'm1', '2026-03-10', '17:50', '发票怎么开?'),
  say(groupId, 'm1', '2026-03-10', '17:52', '在吗'),
  say(groupId, 'm2', '2026-03-10', '20:00', '谢谢'),
  say(groupId, 'agent-2', '2026-03-11', '09:10', '您好,在后台“发票”页申请即可'),
  say(groupId, 'm1', '2026-03-11', '09:12', '谢谢!'),
  say(groupId, 'agent-1', '2026-03-11', '09:13', '好的'),
  say(groupId, 'm3', '2026-03-11', '10:00', '退款多久到账'),
  say(groupId, 'helper-bot', '2026-03-11', '10:01', '已为您转接人工客服,请稍候'),
  say(groupId, 'agent-1', '2026-03-11', '10:05', '一般三个工作日到账'),
  say(groupId, 'm4', '2026-03-12', '10:00', '能开专票吗'),
  say(groupId, 'agent-1', '2026-03-12', '11:30', '可以的,请提供税号'),
  say(groupId, 'm5', '2026-03-12', '14:00', '怎么联系售后'),
];

describe('response-time SLA', () => {
  let wh: Warehouse;
  const wed = dayEnd('2026-03-11', TZ);
  const thu = dayEnd('2026-03-12', TZ);
  const raised: { day: string; rules: string[] }[] = [];

  beforeAll(async () => {
    wh = await testWarehouse();
    await setTenantTimeZone(wh, T, TZ);
    await setTenantAccounts(wh, T, [{ memberId: 'agent-1', role: 'staff' }, { memberId: 'agent-2', role: 'staff' }, { memberId: 'helper-bot', role: 'bot' }]);
    await setTenantSla(wh, T, { groups: ['vip'], minJudged: 2 });
    await loadEvents(wh, [
      created('help', 'support', '2026-03-09'), created('chat', 'interest', '2026-03-09'), created('vip', 'interest', '2026-03-09'),
      ...conversation('help'), ...conversation('chat'),
      say('vip', 'v1', '2026-03-11', '11:00', 'VIP 的发货时间?'), say('vip', 'agent-1', '2026-03-11', '11:03', '今天下午发出'),
    ]);
    const groups = await listGroups(wh, T);
    const alerter = new Alerter({ warehouse: wh, topic: '', log: silentLogger() });
    for (const asOf of [wed, thu]) {
      await recompute({ warehouse: wh, asOf, groups, log: silentLogger() });
      const run = await alerter.evaluate(groups, asOf, TZ);
      raised.push({ day: run.day, rules: run.raised.map((a) => `${a.groupId}:${a.rule}`) });
    }
  }, 180_000);
  afterAll(async () => { await wh?.close(); });

  const groupRow = (groupId: string, day: string) => wh.query<Record<string, unknown>>(
    `SELECT questions, answered, within_target, overdue, within_share, p50_minutes, p90_minutes, target_minutes, breached, judged
     FROM group_sla_daily FINAL WHERE tenant_id = {t:String} AND group_id = {g:String} AND day = {d:Date}`, { t: T, g: groupId, d: day });

  it('counts waits in work hours, ignoring acknowledgements, follow-ups and the bot', async () => {
    expect(await groupRow('help', '2026-03-11')).toEqual([{
      questions: 2, answered: 2, within_target: 2, overdue: 0, within_share: 1, p50_minutes: 5, p90_minutes: 20, target_minutes: 30, breached: 0, judged: 1,
    }]);
    // Thursday: 90 minutes for m4 (a miss), and m5 still waiting 14:00–18:00 (overdue).
    expect(await groupRow('help', '2026-03-12')).toEqual([{
      questions: 4, answered: 3, within_target: 2, overdue: 1, within_share: 0.5, p50_minutes: 20, p90_minutes: 90, target_minutes: 30, breached: 1, judged: 1,
    }]);
  });

  it('gives p50/p90 per staff member', async () => {
    const rows = await wh.query<Record<string, unknown>>(
      `SELECT staff_id, answered, within_target, within_share, p50_minutes, p90_minutes FROM staff_sla_daily FINAL
       WHERE tenant_id = {t:String} AND group_id = 'help' AND day = '2026-03-12' ORDER BY staff_id`, { t: T });
    expect(rows).toEqual([
      { staff_id: 'agent-1', answered: 2, within_target: 1, within_share: 0.5, p50_minutes: 5, p90_minutes: 90 },
      { staff_id: 'agent-2', answered: 1, within_target: 1, within_share: 1, p50_minutes: 20, p90_minutes: 20 },
    ]);
  });

  it('measures support groups and the groups the tenant chose, not the others', async () => {
    const measured = await wh.query<{ group_id: string }>(`SELECT DISTINCT group_id FROM group_sla_daily WHERE tenant_id = {t:String} ORDER BY group_id`, { t: T });
    expect(measured.map((r) => r.group_id)).toEqual(['help', 'vip']);
    // One wait is below the tenant's minimum of 2: neither kept nor broken.
    expect(await groupRow('vip', '2026-03-12')).toEqual([expect.objectContaining({ questions: 1, answered: 1, p50_minutes: 3, breached: 0, judged: 0 })]);
  });

  it('raises sla_breached once, on the day the group breaks its service level', () => {
    expect(raised).toEqual([{ day: '2026-03-11', rules: [] }, { day: '2026-03-12', rules: ['help:sla_breached'] }]);
  });

  it('shows each measured group and staff member in the report', async () => {
    const report = await buildReport(wh, { asOf: thu, tenantId: T });
    const help = report.groups.find((g) => g.groupId === 'help')!.sla as GroupSlaReport;
    expect(help).toMatchObject({ day: '2026-03-12', questions: 4, answered: 3, withinShare: 0.5, p50Minutes: 20, p90Minutes: 90, breached: true });
    expect(help.staff.map((s) => s.staffId)).toEqual(['agent-1', 'agent-2']);
    expect(report.groups.find((g) => g.groupId === 'chat')!.sla).toBeUndefined();
    const text = renderReportText(report);
    expect(text).toMatch(/Response times: waits for a staff reply over 7 days/);
    expect(text).toMatch(/help\s+help\s+4\s+3\s+50%\s+1\s+20\s+90\s+30\s+BROKEN/);
    expect(text).toMatch(/help\s+agent-1\s+2\s+50%\s+5\s+90/);
    expect(text).toMatch(/vip\s+vip\s+1\s+1\s+100%\s+0\s+3\s+3\s+30\s+too few waits/);
  });
});

// group_activity_daily on a small hand-written history whose every number is known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import type { Warehouse } from '@qunpulse/warehouse';
import { computeActivity, readRetentionSummaries, readStructureSignals, writeRetention } from '@qunpulse/analytics-worker';
import { testWarehouse } from './support/kit.js';
import { loadEvents } from './support/chat-rows.js';

const D = (day: number, h = 10, m = 0) => Date.UTC(2026, 2, day, h, m);
let n = 0;
const base = (group: string, at: number) => ({ eventId: `e${++n}`, tenantId: 't1', platform: 'wechat' as const, groupId: group, occurredAt: at });
const msg = (group: string, member: string, at: number, extra: Record<string, unknown> = {}): ChatEventInput =>
  ({ ...base(group, at), type: 'message', memberId: member, message: { kind: 'text', text: 'hello there everyone', ...extra } }) as ChatEventInput;

function history(): ChatEventInput[] {
  const ev: ChatEventInput[] = [];
  for (const g of ['g1', 'g2', 'g3']) ev.push({ ...base(g, D(1, 0)), type: 'group_created', memberId: 'owner', group: { name: g, purpose: 'interest' } });
  ev.push({ ...base('g1', D(1, 1)), type: 'member_joined', memberId: 'a', join: { via: 'invite', inviterId: 'owner' } });
  ev.push({ ...base('g1', D(1, 1)), type: 'member_joined', memberId: 'b', join: { via: 'qr_code' } });
  ev.push({ ...base('g1', D(1, 2)), type: 'member_joined', memberId: 'c', join: { via: 'qr_code' } });
  // Day 2: a asks, b answers after 10 minutes, owner answers too; c speaks unanswered.
  const q = msg('g1', 'a', D(2, 9));
  ev.push(q);
  ev.push(msg('g1', 'b', D(2, 9, 10), { replyTo: { eventId: q.eventId } }));
  ev.push(msg('g1', 'owner', D(2, 9, 30), { replyTo: { eventId: q.eventId } }));
  ev.push(msg('g1', 'c', D(2, 11)));
  // The same link ad in three groups (the spammer becomes a member of each), a system notice, a red packet and two thank-yous.
  for (const g of ['g1', 'g2', 'g3']) ev.push(msg(g, 'spam', D(2, 12), { kind: 'link', text: '贷款秒批 http://t.cn/loan999' }));
  // A spam account that joins g2 by link to post its ad is not a newcomer.
  ev.push({ ...base('g2', D(2, 11)), type: 'member_joined', memberId: 'spam', join: { via: 'link' } });
  ev.push(msg('g1', 'owner', D(2, 13), { kind: 'system', text: 'owner changed the group name' }));
  ev.push(msg('g1', 'owner', D(2, 14), { kind: 'red_packet', text: '' }));
  ev.push(msg('g1', 'a', D(2, 14, 1), { text: '谢谢老板' }));
  ev.push(msg('g1', 'b', D(2, 14, 2), { text: 'thanks boss' }));
  // Day 3: c leaves; d joins by link and is never answered; e joins by admin and is mentioned.
  ev.push({ ...base('g1', D(3, 8)), type: 'member_left', memberId: 'c', leave: { reason: 'quit' } });
  ev.push({ ...base('g1', D(3, 9)), type: 'member_joined', memberId: 'd', join: { via: 'link' } });
  ev.push({ ...base('g1', D(3, 9)), type: 'member_joined', memberId: 'e', join: { via: 'admin' } });
  ev.push(msg('g1', 'a', D(3, 20), { text: 'welcome e, glad you are here', mentions: ['e'] }));
  // After as-of: must not count.
  ev.push(msg('g1', 'd', D(5, 9)));
  return ev;
}

describe('group_activity_daily and member_retention', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await testWarehouse();
    await loadEvents(wh, history());
  });
  afterAll(async () => { await wh.close(); });

  it('separates human, ad, system and red-packet messages and counts speakers, replies and members', async () => {
    const asOf = D(4, 23, 59);
    const rows = await computeActivity(wh, { asOf, groups: [{ tenantId: 't1', platform: 'wechat', groupId: 'g1' }] });
    const day = (d: string) => rows.find((r) => r.day === d)!;
    expect(rows.map((r) => r.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    const d2 = day('2026-03-02');
    expect(d2).toMatchObject({
      human_messages: 4, ad_messages: 1, system_messages: 1, red_packet_messages: 1, red_packet_replies: 2,
      speakers: 4, content_producers: 1, members: 5, median_first_reply_s: 600,
    });
    expect(d2.reply_rate).toBeCloseTo(1 / 4);
    expect(day('2026-03-01')).toMatchObject({ joins_invite: 1, joins_qr_code: 2, newcomers: 3, members: 4 });
    const d3 = day('2026-03-03');
    expect(d3).toMatchObject({ leaves_quit: 1, joins_link: 1, joins_admin: 1, newcomers: 2, newcomers_welcomed: 1, members: 6, human_messages: 1 });
    const d4 = day('2026-03-04');
    expect(d4).toMatchObject({ human_messages: 0, active_1d: 0, active_7d: 4, active_28d: 4, members: 6 });
    // members minus the month's speakers (c spoke, then left): 6 - 4 of 6
    expect(d4.lurker_share).toBeCloseTo(2 / 6);
    const g2 = await computeActivity(wh, { asOf, groups: [{ tenantId: 't1', platform: 'wechat', groupId: 'g2' }] });
    expect(g2.find((r) => r.day === '2026-03-02')).toMatchObject({ joins_link: 1, newcomers: 0, ad_messages: 1 });
    // Recomputing only the recent days reads a bounded window and gives the same rows.
    const recent = await computeActivity(wh, { asOf, groups: [{ tenantId: 't1', platform: 'wechat', groupId: 'g1' }] }, 2);
    expect(recent).toEqual(rows.slice(-2));
  });

  it('keeps one retention row per membership, queryable by cohort, join path and inviter', async () => {
    const asOf = D(20, 12);
    const g1 = { tenantId: 't1', platform: 'wechat', groupId: 'g1' };
    await writeRetention(wh, { asOf, groups: [g1] });
    const rows = await wh.query<{ member_id: string; retained_d1: number | null; retained_d7: number | null; retained_d30: number | null; churned: number; silent_churned: number }>(
      `SELECT member_id, retained_d1, retained_d7, retained_d30, churned, silent_churned FROM member_retention FINAL
       WHERE group_id = 'g1' ORDER BY member_id`);
    const by = Object.fromEntries(rows.map((r) => [r.member_id, r]));
    expect(Object.keys(by)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // a spoke on days 2 and 3: retained at day 7, not within the first 24 h; silent since day 3.
    expect(by.a).toMatchObject({ retained_d1: 0, retained_d7: 1, retained_d30: null, churned: 0, silent_churned: 1 });
    // c spoke, then left on day 3: churned, not retained.
    expect(by.c).toMatchObject({ retained_d7: 0, churned: 1, silent_churned: 0 });
    // d spoke two days after joining (on day 5).
    expect(by.d).toMatchObject({ retained_d7: 1, churned: 0 });
    // e never spoke: a lurker, neither retained nor silently churned.
    expect(by.e).toMatchObject({ retained_d7: 0, churned: 0, silent_churned: 0 });

    const paths = await wh.query<{ join_via: string; memberships: number; retention_d7: number }>(
      `SELECT join_via, memberships, retention_d7 FROM retention_by_join_path WHERE group_id = 'g1' ORDER BY join_via`);
    expect(paths).toEqual([
      { join_via: 'admin', memberships: 1, retention_d7: 0 },
      { join_via: 'invite', memberships: 1, retention_d7: 1 },
      { join_via: 'link', memberships: 1, retention_d7: 1 },
      { join_via: 'qr_code', memberships: 2, retention_d7: 0.5 },
    ]);
    const inviters = await wh.query<{ inviter_id: string; invited: number; retention_d7: number }>(
      `SELECT inviter_id, invited, retention_d7 FROM retention_by_inviter WHERE group_id = 'g1'`);
    expect(inviters).toEqual([{ inviter_id: 'owner', invited: 1, retention_d7: 1 }]);
    const cohorts = await wh.query<{ join_week: string; memberships: number; eligible_d30: number }>(
      `SELECT toString(join_week) AS join_week, memberships, eligible_d30 FROM retention_by_cohort WHERE group_id = 'g1' ORDER BY join_week`);
    expect(cohorts).toEqual([{ join_week: '2026-02-23', memberships: 3, eligible_d30: 0 }, { join_week: '2026-03-02', memberships: 2, eligible_d30: 0 }]);

    const summary = (await readRetentionSummaries(wh, { asOf, groups: [g1] })).get('t1\u001fwechat\u001fg1');
    expect(summary).toEqual({ memberships: 5, eligibleD7: 5, retainedD7: 3, eligibleD30: 0, retainedD30: 0, churned: 1, silentChurned: 3 });
  });

  it('finds the key member who carried the conversation and left, from chat_events alone', async () => {
    const g = (at: number) => ({ eventId: `s${++n}`, tenantId: 't9', platform: 'telegram' as const, groupId: 'g9', occurredAt: at });
    const ev: ChatEventInput[] = [{ ...g(D(1, 0)), type: 'group_created', memberId: 'k', group: { name: 'g9' } }];
    for (const m of ['a', 'b', 'c']) ev.push({ ...g(D(1, 1)), type: 'member_joined', memberId: m, join: { via: 'invite', inviterId: 'k' } });
    // Days 1–28: k posts, a, b and c each answer k.
    for (let day = 1; day <= 28; day++) {
      const post = { ...g(D(day, 9)), type: 'message', memberId: 'k', message: { kind: 'text', length: 40 } } as ChatEventInput;
      ev.push(post);
      ['a', 'b', 'c'].forEach((m, i) => ev.push({ ...g(D(day, 10 + i)), type: 'message', memberId: m, message: { kind: 'text', length: 20, replyTo: { eventId: post.eventId } } } as ChatEventInput));
    }
    ev.push({ ...g(D(30, 18)), type: 'member_left', memberId: 'k', leave: { reason: 'quit' } });
    // Days 29–36: the others talk among themselves, each answered by one other.
    for (let day = 29; day <= 36; day++) {
      [['a', 'b'], ['b', 'c'], ['c', 'a']].forEach(([from, to], i) => ev.push(
        { ...g(D(day, 9 + i)), type: 'message', memberId: from, message: { kind: 'text', length: 20, replyTo: { eventId: `x${day}${i}`, memberId: to } } } as ChatEventInput));
    }
    await loadEvents(wh, ev);
    const ref = { tenantId: 't9', platform: 'telegram', groupId: 'g9' };
    const signals = (await readStructureSignals(wh, { asOf: D(36, 23, 59), groups: [ref] })).get('t9\u001ftelegram\u001fg9')!;
    expect(signals.departedKols).toHaveLength(1);
    expect(signals.departedKols[0]).toMatchObject({ memberId: 'k', how: 'left', at: D(30, 18) });
    // k received 3 answers a day and a, b, c gave one each: k holds half of all interactions.
    expect(signals.departedKols[0]!.priorShare).toBeCloseTo(0.5, 1);
    // Each of a, b, c is answered by one other, and k, who was answered by three, has left: no core member remains.
    expect(signals.coreMembers).toBe(0);
  });
});

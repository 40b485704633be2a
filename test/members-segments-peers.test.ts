// Member segments, staff and bots apart, and peer percentiles, computed by the real recompute steps
// against the embedded ClickHouse engine on a history with known answers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import { buildReport, listGroups, recompute, renderReportText, setTenantAccounts } from '@qunpulse/analytics-worker';
import { silentLogger } from '@qunpulse/runtime';
import { EmbeddedWarehouse, migrate, type Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { runCliInProcess as runCli } from './support/cli-in-process.js';

const DAY = 86_400_000;
/** The judged day is 2026-03-31 (UTC); `daysAgo` 0 is that day. */
const END = Date.UTC(2026, 2, 31);
const AS_OF = END + DAY - 1;
const HISTORY_DAYS = 84;
const T = 'seg';

let n = 0;
const base = (groupId: string, daysAgo: number, minute: number) => ({
  eventId: `e${++n}`, tenantId: T, platform: 'telegram' as const, groupId, occurredAt: new Date(END - daysAgo * DAY + 8 * 3_600_000 + minute * 60_000).toISOString(),
});
function say(groupId: string, memberId: string, daysAgo: number, minute: number, replyTo?: ChatEventInput, kind = 'text'): ChatEventInput {
  return {
    ...base(groupId, daysAgo, minute), type: 'message', memberId,
    message: { kind, ...(kind === 'link' ? { hasLink: true, text: `https://ci.example/build/${n}` } : {}), ...(replyTo ? { replyTo: { eventId: replyTo.eventId, memberId: (replyTo as { memberId: string }).memberId } } : {}) },
  } as ChatEventInput;
}
const created = (groupId: string, purpose: string, daysAgo = HISTORY_DAYS): ChatEventInput =>
  ({ ...base(groupId, daysAgo, 0), type: 'group_created', memberId: 'owner', group: { name: groupId, purpose } }) as ChatEventInput;
const joined = (groupId: string, memberId: string, daysAgo: number): ChatEventInput => ({ ...base(groupId, daysAgo, 1), type: 'member_joined', memberId, join: { via: 'link' } }) as ChatEventInput;
const left = (groupId: string, memberId: string, daysAgo: number): ChatEventInput => ({ ...base(groupId, daysAgo, 600), type: 'member_left', memberId, leave: { reason: 'quit' } }) as ChatEventInput;

/** 10 messages a day until four weeks before the judged day, then falling in a straight line to 2 (−80%). */
const faderPace = (daysAgo: number) => (daysAgo >= 28 ? 10 : Math.round(10 * (0.2 + 0.8 * (daysAgo / 28))));

/**
 * 'busy': three steady members answering each other; `fader`, answered daily, whose activity falls by
 * 80% over the last four weeks; `helper` (staff) answering twice a day; `deploy-bot` (a bot by name),
 * `notifier` (listed bot) and `build-feed` (links only, thanked now and then: a bot by behaviour);
 * `quiet` who never speaks; `leaver` who fell silent 20 days ago and left 5 days ago; `newbie` who joined 3 days ago.
 */
function busy(): ChatEventInput[] {
  const g = 'busy';
  const out: ChatEventInput[] = [created(g, 'interest'), joined(g, 'quiet', 80), joined(g, 'leaver', 60), left(g, 'leaver', 5), joined(g, 'newbie', 3)];
  for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
    const roots = ['s1', 's2', 's3'].map((m, i) => say(g, m, d, 10 + i));
    out.push(...roots);
    for (const [i, r] of roots.entries()) for (const [j, m] of ['s1', 's2', 's3'].entries()) if (i !== j) out.push(say(g, m, d, 20 + i * 3 + j, r));
    const pace = faderPace(d);
    for (let k = 0; k < pace; k++) {
      const msg = say(g, 'fader', d, 40 + k);
      out.push(msg);
      if (k === 0) out.push(say(g, 's1', d, 60, msg), say(g, 's2', d, 61, msg));
    }
    out.push(say(g, 'helper', d, 70, roots[0]), say(g, 'helper', d, 71, roots[1]));
    for (let k = 0; k < 5; k++) out.push(say(g, 'deploy-bot', d, 80 + k));
    for (let k = 0; k < 3; k++) out.push(say(g, 'notifier', d, 90 + k));
    const feed: ChatEventInput[] = [];
    for (let k = 0; k < 5; k++) feed.push(say(g, 'build-feed', d, 100 + k, undefined, 'link'));
    out.push(...feed, say(g, 's3', d, 110, feed[0]));
    if (d >= 20 && d < 60) out.push(say(g, 'leaver', d, 120));
    if (d <= 2) out.push(say(g, 'newbie', d, 130));
  }
  return out;
}

/** 'monologue' (sales): staff post 20 messages a day; its 12 members say something once a week. */
function monologue(): ChatEventInput[] {
  const g = 'monologue';
  const out: ChatEventInput[] = [created(g, 'sales')];
  for (let i = 0; i < 12; i++) out.push(joined(g, `c${i}`, HISTORY_DAYS - 1));
  for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
    for (let k = 0; k < 20; k++) out.push(say(g, 'helper', d, k));
    if (d % 7 === 3) out.push(say(g, `c${d % 12}`, d, 200));
  }
  return out;
}

/** Sales groups whose two members talk at a known pace: `perDay` messages a day, each answering the one before. */
function paced(groupId: string, perDay: number): ChatEventInput[] {
  const out: ChatEventInput[] = [created(groupId, 'sales')];
  let previous: ChatEventInput | undefined;
  for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
    for (let k = 0; k < perDay; k++) out.push(previous = say(groupId, `${groupId}-${k % 2 ? 'a' : 'b'}`, d, k, previous));
  }
  return out;
}

// The warehouse where `qunpulse` finds it, so the command reads what the steps wrote.
const dataDir = mkdtempSync(path.join(tmpdir(), 'qunpulse-members-'));
let wh: Warehouse;
const groupsOf = async () => listGroups(wh, T);

beforeAll(async () => {
  process.env.QUNPULSE_DATA_DIR = dataDir;
  wh = await EmbeddedWarehouse.open(path.join(dataDir, 'clickhouse'));
  await migrate(wh);
  await loadEvents(wh, [...busy(), ...monologue(), ...paced('p1', 1), ...paced('p2', 2), ...paced('p3', 3)]);
  await setTenantAccounts(wh, T, [{ memberId: 'helper', role: 'staff' }, { memberId: 'notifier', role: 'bot' }]);
  // Two judged days a week apart, as the daily judgement leaves them: the moves of the week between.
  for (const asOf of [AS_OF - 7 * DAY, AS_OF]) await recompute({ warehouse: wh, asOf, groups: await groupsOf(), log: silentLogger() });
}, 300_000);
afterAll(async () => { await wh?.close(); });

const segmentsOf = async (groupId: string) => new Map((await wh.query<{ member_id: string; segment: string }>(
  `SELECT member_id, segment FROM member_segment_daily FINAL WHERE tenant_id = {t:String} AND group_id = {g:String} AND day = '2026-03-31'`,
  { t: T, g: groupId })).map((r) => [r.member_id, r.segment]));

describe('member segments', () => {
  it('puts every member of the group in the segment its history says', async () => {
    const s = await segmentsOf('busy');
    expect(Object.fromEntries([...s].sort())).toMatchObject({
      fader: 'fading', quiet: 'lurker', leaver: 'churned', newbie: 'newcomer', helper: 'staff',
      'deploy-bot': 'bot', notifier: 'bot', 'build-feed': 'bot',
    });
    for (const m of ['s1', 's2', 's3']) expect(['kol', 'core']).toContain(s.get(m));
  });

  it('stores who moved where this week, in one query', async () => {
    const moves = await wh.query<{ member_id: string; from_segment: string; to_segment: string }>(
      `SELECT member_id, from_segment, to_segment FROM member_segment_transitions FINAL
       WHERE tenant_id = {t:String} AND group_id = 'busy' AND day > toDate('2026-03-31') - 7 ORDER BY member_id`, { t: T });
    const fader = moves.find((m) => m.member_id === 'fader');
    expect(fader?.to_segment).toBe('fading');
    expect(['kol', 'core']).toContain(fader?.from_segment);
    expect(moves.find((m) => m.member_id === 'newbie')).toMatchObject({ from_segment: '', to_segment: 'newcomer' });
    // Silent for 13 days after four weeks of talk, the leaver was fading a week ago; gone now.
    expect(moves.find((m) => m.member_id === 'leaver')).toMatchObject({ from_segment: 'fading', to_segment: 'churned' });
    expect(moves.map((m) => m.member_id)).not.toContain('quiet');
  });

  it('judges members across the tenant too: staff everywhere, the fader fading, a customer silent for 30 days churned', async () => {
    const s = await segmentsOf('');
    expect(s.get('helper')).toBe('staff');
    expect(s.get('fader')).toBe('fading');
    expect(s.get('quiet')).toBe('lurker');
    // c1 spoke once, 73 days ago (the only day of the history with d % 7 = 3 and d % 12 = 1).
    expect(s.get('c1')).toBe('churned');
  });
});

describe('staff and bots apart', () => {
  type Day = { human_messages: number; staff_messages: number; bot_messages: number; speakers: number; members: number; ad_messages: number };
  const dayOf = async (groupId: string) => (await wh.query<Day>(
    `SELECT human_messages, staff_messages, bot_messages, speakers, members, ad_messages FROM group_activity_daily FINAL
     WHERE tenant_id = {t:String} AND group_id = {g:String} AND day = '2026-03-30'`, { t: T, g: groupId }))[0]!;

  it('counts no bot message and counts staff messages apart', async () => {
    // 2026-03-30 is one day before the judged day: s1..s3 wrote 3 + 6, the fader 2 and 2 answers to
    // it, s3 thanked the feed once, the newbie spoke once; the helper answered twice.
    const d = await dayOf('busy');
    expect(d).toMatchObject({ human_messages: 9 + 2 + 2 + 1 + 1, staff_messages: 2, bot_messages: 5 + 3 + 5, speakers: 5, ad_messages: 0 });
    // Members: the owner, s1..s3, fader, quiet, newbie; the staff and the bots are not members, the leaver left.
    expect(d.members).toBe(7);
    const [flag] = await wh.query<{ is_bot: number }>(
      `SELECT is_bot FROM tenant_kol_daily FINAL WHERE tenant_id = {t:String} AND member_id = 'build-feed' AND day = '2026-03-31' AND horizon = 'current'`, { t: T });
    expect(flag?.is_bot).toBe(1);
  });

  it('does not count a group where staff talk to nobody as alive', async () => {
    const [h] = await wh.query<{ status: string; reason_codes: string[]; reason_details: string[]; messages_7d: number }>(
      `SELECT status, reason_codes, reason_details, messages_7d FROM group_health_daily FINAL
       WHERE tenant_id = {t:String} AND group_id = 'monologue' AND day = '2026-03-31'`, { t: T });
    expect(h!.reason_codes).toContain('staff_monologue');
    expect(h!.status).toBe('dying');
    expect(h!.reason_details.join(' ')).toMatch(/280 staff messages against 2 messages from members/);
    const d = await dayOf('monologue');
    // The owner and the 12 customers; not the staff.
    expect(d).toMatchObject({ staff_messages: 20, human_messages: 0, speakers: 0, members: 13 });
  });
});

describe('peer comparison', () => {
  it('ranks each group among the tenant groups of its purpose and among all of them', async () => {
    const rows = await wh.query<{ group_id: string; value: number; purpose_peers: number; purpose_percentile: number; all_peers: number; all_percentile: number }>(
      `SELECT group_id, value, purpose_peers, purpose_percentile, all_peers, all_percentile FROM group_peer_daily FINAL
       WHERE tenant_id = {t:String} AND day = '2026-03-31' AND metric = 'messages_7d' ORDER BY group_id`, { t: T });
    const by = new Map(rows.map((r) => [r.group_id, r]));
    // Member messages in 7 days: monologue 1 (staff do not count), p1 7, p2 14, p3 21, busy about 200.
    expect(rows.map((r) => [r.group_id, r.value])).toEqual([['busy', by.get('busy')!.value], ['monologue', 1], ['p1', 7], ['p2', 14], ['p3', 21]]);
    expect(by.get('busy')!.value).toBeGreaterThan(100);
    // Sales peers: monologue, p1, p2, p3; p2 beats monologue and p1 of its three peers, and 2 of all 4 others.
    expect(by.get('p2')).toMatchObject({ purpose_peers: 3, purpose_percentile: 66.7, all_peers: 4, all_percentile: 50 });
    expect(by.get('monologue')).toMatchObject({ purpose_percentile: 0, all_percentile: 0 });
    // The only interest group has no peer of its purpose, and beats every other group.
    expect(by.get('busy')).toMatchObject({ purpose_peers: 0, purpose_percentile: null, all_percentile: 100 });
  });
});

describe('the report', () => {
  it('shows segments, the week\'s moves, staff and bots apart, and peer percentiles beside the status', async () => {
    const text = renderReportText(await buildReport(wh, { asOf: AS_OF, tenantId: T }));
    expect(text).toMatch(/Who moved to fading or churned this week:\n(?:.*\n)*? {2}busy: (kol|core) → fading: fader\n/);
    // p2's 14 messages beat 2 of its 3 sales peers and 2 of the tenant's 4 other groups.
    expect(text).toMatch(/\nseg\s+p2\s+thriving\s+sales\s+14 \(67\/50\)/);
    expect(text).toMatch(/\nseg\s+monologue\s+dying\s+sales\s+1 \(0\/0\)/);
    // The last 7 days of the monologue: 1 member message, 140 from staff, no bot.
    expect(text).toMatch(/\nseg\s+monologue\s+1\s+140\s+0\n/);
    // The verdicts come first, then the peers beside the status.
    expect(text.indexOf('Group health as of')).toBeLessThan(text.indexOf('Compared with peers'));
  });
});

describe('qunpulse members', () => {
  it('lists the fading members of a group, finding its tenant', async () => {
    const r = await runCli(['members', '--group', 'busy', '--segment', 'fading']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Members in fading, group busy of seg, on 2026-03-31: 1\n/);
    expect(r.out).toMatch(/\nfader\s+fading\s+164\s+280\s+28\s+2026-03-31\n/);
  });

  it('lists who moved where since a day, tenant-wide, and refuses a segment that does not exist', async () => {
    const moves = await runCli(['members', '--tenant', T, '--since', '2026-03-25', '--json']);
    expect(moves.code, moves.err).toBe(0);
    const rows = JSON.parse(moves.out) as Array<{ memberId: string; from: string; to: string; day: string }>;
    expect(rows).toContainEqual({ platform: 'telegram', memberId: 'fader', day: '2026-03-31', from: expect.stringMatching(/^(kol|core)$/), to: 'fading' });
    const bad = await runCli(['members', '--group', 'busy', '--segment', 'sleeping']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--segment: must be one of kol, core, regular, newcomer, lurker, fading, churned, staff, bot, got "sleeping"/);
    const badDay = await runCli(['members', '--group', 'busy', '--since', '2026-02-30']);
    expect(badDay.err).toMatch(/--since must be a day \(2026-03-24\) or a number of days \(7d\), got "2026-02-30"/);
  });
});

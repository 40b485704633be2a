// Chat events through the real broker and event store into embedded ClickHouse, then the KOL step
// for the groups the store reported as touched: KOLs, reply authors resolved from event ids,
// spammers, bridges, structure rows, incremental recomputation and the report section.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import { buildReport, kolStep, parseGroupKey, recompute, renderReportText } from '@qunpulse/analytics-worker';
import { startEventStore, type EventStore } from '@qunpulse/event-store';
import { noConfiguredPolicies, privacyStep } from '@qunpulse/importers';
import { ChatEventPublisher, type KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { testBus, testWarehouse, uniqueName, waitFor } from './support/kit.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 4, 1);
const AS_OF = START + 10 * DAY;
const T = 'tenant-kol';
const P = 'wecom';

let seq = 0;
const at = (day: number, minute: number) => new Date(START + day * DAY + minute * 60_000).toISOString();
const msg = (groupId: string, memberId: string, day: number, minute: number, extra: Record<string, unknown> = {}, eventId = `e${++seq}`): ChatEventInput =>
  ({ eventId, tenantId: T, platform: P, groupId, type: 'message', memberId, occurredAt: at(day, minute), message: { kind: 'text', text: `hello ${seq}`, ...extra } } as ChatEventInput);

/** Group A: k answers everyone's questions (the platform gives only the question's id), m1 invites three members, s spams links. */
function scenario(): ChatEventInput[] {
  const events: ChatEventInput[] = [];
  const regulars = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'];
  for (const [i, m] of regulars.entries()) {
    const day = i % 8;
    const q = msg('g-a', m, day, 10, {}, `q-${m}`);
    const a = msg('g-a', 'k', day, 20, { replyTo: { eventId: `q-${m}` } }, `a-${m}`);
    const thanks = msg('g-a', m, day, 30, { replyTo: { eventId: `a-${m}`, memberId: 'k' }, mentions: ['k'] });
    const react = { eventId: `r-${m}`, tenantId: T, platform: P, groupId: 'g-a', type: 'reaction', memberId: regulars[(i + 1) % 8], occurredAt: at(day, 40), reaction: { targetEventId: `a-${m}` } } as ChatEventInput;
    events.push(q, a, thanks, react);
  }
  // A member who asked, got an answer and left: no longer part of the group's graph.
  events.push(msg('g-a', 'gone', 3, 50, {}, 'q-gone'), msg('g-a', 'k', 3, 55, { replyTo: { eventId: 'q-gone' } }));
  events.push({ eventId: 'l-gone', tenantId: T, platform: P, groupId: 'g-a', type: 'member_left', memberId: 'gone', occurredAt: at(5, 0), leave: { reason: 'quit' } } as ChatEventInput);
  for (const invitee of ['m2', 'm3', 'm4']) {
    events.push({ eventId: `j-${invitee}`, tenantId: T, platform: P, groupId: 'g-a', type: 'member_joined', memberId: invitee, occurredAt: at(0, 1), join: { via: 'invite', inviterId: 'm1' } } as ChatEventInput);
  }
  // Group B: m1 also talks here, b is its local hub.
  for (const [i, n] of ['n1', 'n2', 'n3', 'n4', 'n5'].entries()) {
    events.push(msg('g-b', n, i, 100, {}, `qb-${n}`));
    events.push(msg('g-b', 'b', i, 110, { replyTo: { eventId: `qb-${n}` } }));
    events.push(msg('g-b', n, i, 120, { mentions: ['m1', 'b'] }));
  }
  events.push(msg('g-b', 'm1', 2, 130, { replyTo: { eventId: 'qb-n2' } }));
  // The spammer posts the most in both groups; nobody answers.
  for (let i = 0; i < 30; i++) {
    events.push(msg(i % 2 ? 'g-a' : 'g-b', 's', i % 9, 200 + i, { kind: 'link', text: 'cheap followers http://ad.example', hasLink: true }));
  }
  return events;
}

async function publish(bus: KafkaBus, events: ChatEventInput[]): Promise<void> {
  const producer = await bus.producer({ idempotent: true });
  const publisher = new ChatEventPublisher(bus, producer, { source: 'test:kol', privacy: privacyStep(noConfiguredPolicies) });
  for (const e of events) await publisher.add(e, 'test');
  await publisher.flush();
  expect(publisher.summary.rejected).toBe(0);
}

describe('chat events → event store → KOL step → ClickHouse', () => {
  let bus: KafkaBus;
  let wh: Warehouse;
  let store: EventStore;
  const touched = new Set<string>();
  let stored = 0;
  const takeTouched = () => { const keys = [...touched]; touched.clear(); return keys.map(parseGroupKey); };

  beforeAll(async () => {
    bus = await testBus('kol');
    wh = await testWarehouse();
    store = await startEventStore({
      bus, warehouse: wh, log: silentLogger(), groupId: uniqueName('kol-store'),
      onStored: (info) => { stored += info.rows; for (const g of info.groups) touched.add(g); },
    });
  });

  afterAll(async () => {
    await store?.stop();
    await bus?.close();
    await wh?.close();
  });

  it('ranks the member who answers first, resolves reply authors, flags the spammer, finds the bridge', async () => {
    const events = scenario();
    await publish(bus, events);
    await waitFor(async () => stored >= events.length, 'the event store to store every event');
    const groups = takeTouched();
    expect(groups.map((g) => g.groupId).sort()).toEqual(['g-a', 'g-b']);
    await recompute({ warehouse: wh, asOf: AS_OF, groups, log: silentLogger() }, [kolStep]);

    type Row = { group_id: string; member_id: string; rank: number; is_spammer: number; replies_received: number; messages: number; betweenness_mode: string; day: string };
    const rows = await wh.query<Row>(`SELECT group_id, member_id, rank, is_spammer, replies_received, messages, betweenness_mode, toString(day) AS day
      FROM member_kol_daily FINAL WHERE tenant_id = {t:String}`, { t: T });
    const get = (g: string, m: string) => rows.find((r) => r.group_id === g && r.member_id === m)!;
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set(['2026-05-11']));
    expect(get('g-a', 'k').rank).toBe(1);
    expect(get('g-a', 'k').replies_received).toBe(8);
    expect(get('g-b', 'b').rank).toBe(1);
    // k's answers named only the question's event id: resolved to the asker
    expect(get('g-a', 'm5').replies_received).toBe(1);
    expect(get('g-a', 's')).toMatchObject({ is_spammer: 1, rank: 0, messages: 15 });
    expect(get('g-b', 's')).toMatchObject({ is_spammer: 1, rank: 0, messages: 15 });
    expect(get('g-a', 'k').betweenness_mode).toBe('exact');
    expect(rows.filter((r) => r.member_id === 'gone')).toEqual([]);
    // k's in-degree: per regular a thank-you reply (3) and a mention (2) at minute 30 and a reaction
    // given by answer id only (1, resolved to k) at minute 40 of day i, decayed with a 30-day half-life
    const decay = (ms: number) => Math.pow(2, -(AS_OF - ms) / (30 * DAY));
    let expected = 0;
    for (let i = 0; i < 8; i++) expected += 5 * decay(START + i * DAY + 30 * 60_000) + decay(START + i * DAY + 40 * 60_000);
    const [kIn] = await wh.query<{ w: number }>(
      "SELECT weighted_in_degree AS w FROM member_kol_daily FINAL WHERE tenant_id = {t:String} AND group_id = 'g-a' AND member_id = 'k'", { t: T });
    expect(kIn!.w).toBeCloseTo(expected, 9);

    type TRow = { member_id: string; is_spammer: number; is_bridge: number; bridge_groups: number; rank: number; groups: number };
    const tenant = await wh.query<TRow>('SELECT member_id, is_spammer, is_bridge, bridge_groups, rank, groups FROM tenant_kol_daily FINAL WHERE tenant_id = {t:String}', { t: T });
    const tm = (m: string) => tenant.find((r) => r.member_id === m)!;
    expect(tm('s')).toMatchObject({ is_spammer: 1, rank: 0, groups: 2 });
    expect(tm('m1')).toMatchObject({ is_bridge: 1, bridge_groups: 2 });
    expect(tm('k')).toMatchObject({ is_bridge: 0, rank: 1 });

    type SRow = { group_id: string; nodes: number; absence_factor: number; replied_share: number; survival_without_top1: number };
    const structure = await wh.query<SRow>('SELECT group_id, nodes, absence_factor, replied_share, survival_without_top1 FROM group_structure_daily FINAL WHERE tenant_id = {t:String} ORDER BY group_id', { t: T });
    expect(structure.map((s) => s.group_id)).toEqual(['g-a', 'g-b']);
    // g-a: k, m1..m8, s (not the member who left)
    expect(structure[0]!.nodes).toBe(10);
    expect(structure[0]!.absence_factor).toBe(1);
    // 9 questions (the departed member's too) and 8 answers answered, of 9 + 9 + 8 + 15 messages
    expect(structure[0]!.replied_share).toBeCloseTo(17 / 41, 9);
    // without k the regulars only hang together through m1's invites and the reactions
    expect(structure[0]!.survival_without_top1).toBeLessThan(1);
  });

  it('recomputes only the touched group the next day, and the tenant graph with it', async () => {
    await publish(bus, [msg('g-b', 'n1', 10, 5, { replyTo: { eventId: 'qb-n3' } })]);
    await waitFor(async () => touched.size > 0, 'the store to report the touched group');
    const groups = takeTouched();
    expect(groups).toEqual([{ tenantId: T, platform: P, groupId: 'g-b' }]);
    await recompute({ warehouse: wh, asOf: AS_OF + DAY, groups, log: silentLogger() }, [kolStep]);
    const days = await wh.query<{ group_id: string; day: string }>(
      'SELECT DISTINCT group_id, toString(day) AS day FROM member_kol_daily FINAL WHERE tenant_id = {t:String} ORDER BY group_id, day', { t: T });
    expect(days).toEqual([{ group_id: 'g-a', day: '2026-05-11' }, { group_id: 'g-b', day: '2026-05-11' }, { group_id: 'g-b', day: '2026-05-12' }]);
    const [{ n }] = await wh.query<{ n: number }>("SELECT count() AS n FROM tenant_kol_daily FINAL WHERE tenant_id = {t:String} AND day = '2026-05-12'", { t: T });
    expect(n).toBeGreaterThan(0);
  });

  it('reports per-group KOLs and structure and per-tenant KOLs, bridges and spammers', async () => {
    const report = await buildReport(wh, { asOf: AS_OF + DAY });
    const ga = report.groups.find((g) => g.groupId === 'g-a')!;
    const kols = ga.kols as Array<{ memberId: string; rank: number; score: number; metrics: { pagerank: number } }>;
    expect(kols[0]).toMatchObject({ memberId: 'k', rank: 1 });
    expect(kols.map((k) => k.memberId)).not.toContain('s');
    expect(kols.length).toBeLessThanOrEqual(10);
    expect((ga.structure as { nodes: number }).nodes).toBe(10);
    const tenant = report.tenants.find((t) => t.tenantId === T)!;
    expect((tenant.spammers as Array<{ memberId: string }>).map((s) => s.memberId)).toEqual(['s']);
    expect((tenant.bridges as Array<{ memberId: string }>).map((s) => s.memberId)).toContain('m1');
    expect((tenant.kols as Array<{ memberId: string }>).map((s) => s.memberId)).not.toContain('s');
    const text = renderReportText(report);
    expect(text).toMatch(/^g-a\s+k(, \S+)*\s+1\s/m);
    expect(text).toContain(`Tenant ${T}`);
    expect(text).toMatch(/ad spammers \(never ranked\): s \(30 msgs, 0 replies\)/);
    expect(text).toMatch(/bridges between groups: .*m1 \(2 groups\)/);
  });
});

// Fission through the real analytics and warehouse, with known answers: a three-generation
// invitation tree gives its viral coefficients, depth and the retention of each generation; months
// later new invitees are placed under inviters placed before the window, the same as a computation
// from scratch; a dead group whose invitations never left the founder's circle says so in its reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import { buildReport, listGroups, recompute, renderReportText, type GroupFissionReport } from '@qunpulse/analytics-worker';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { testWarehouse } from './support/kit.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);
const LATER = Date.UTC(2026, 6, 1);
let n = 0;
const base = (tenantId: string, groupId: string, at: number) => ({ eventId: `f${++n}`, tenantId, platform: 'wecom' as const, groupId, occurredAt: at });
const joined = (t: string, g: string, memberId: string, at: number, inviterId?: string): ChatEventInput => ({
  ...base(t, g, at), type: 'member_joined', memberId, join: inviterId ? { via: 'invite', inviterId } : { via: 'qr_code' },
});
const said = (t: string, g: string, memberId: string, at: number): ChatEventInput => ({
  ...base(t, g, at), type: 'message', memberId, message: { kind: 'text', text: `hello from ${memberId}`, length: 12 },
});

// r invites a, b; a invites c, d, e; b invites f; c invites g, h; solo came by QR code.
const TREE: [string, string | undefined][] = [
  ['r', undefined], ['solo', undefined], ['a', 'r'], ['b', 'r'], ['c', 'a'], ['d', 'a'], ['e', 'a'], ['f', 'b'], ['g', 'c'], ['h', 'c'],
];

function growingGroup(t: string): ChatEventInput[] {
  const events: ChatEventInput[] = [{ ...base(t, 'grow', T0 - DAY), type: 'group_created', group: { name: 'grow', purpose: 'interest' } }];
  TREE.forEach(([m, inviter], i) => events.push(joined(t, 'grow', m, T0 + i * 3_600_000, inviter)));
  // Of generation 1 only a speaks in its first week; r, c and g too.
  for (const m of ['r', 'a', 'c', 'g']) events.push(said(t, 'grow', m, T0 + 2 * DAY));
  events.push(said(t, 'grow', 'r', LATER - 2 * DAY));
  // Months later: h and g invite (generation 4), and a founder never seen joining invites k.
  events.push(joined(t, 'grow', 'i', LATER, 'h'), joined(t, 'grow', 'j', LATER + 60_000, 'g'), joined(t, 'grow', 'k', LATER + 120_000, 'founder'));
  return events;
}

function flatGroup(t: string): ChatEventInput[] {
  const events: ChatEventInput[] = [{ ...base(t, 'flat', T0 - DAY), type: 'group_created', group: { name: 'flat', purpose: 'sales' } }];
  events.push(joined(t, 'flat', 'boss', T0));
  for (let i = 0; i < 25; i++) events.push(joined(t, 'flat', `x${i}`, T0 + (i + 1) * 60_000, 'boss'));
  events.push(said(t, 'flat', 'boss', T0 + DAY), said(t, 'flat', 'x1', T0 + DAY));
  return events;
}

describe('fission', () => {
  let wh: Warehouse;
  const gens = (t: string, day: string) => wh.query<Record<string, unknown>>(
    `SELECT generation, members, viral_coefficient, eligible_d7, retained_d7 FROM fission_generations_daily FINAL
     WHERE tenant_id = {t:String} AND group_id = 'grow' AND day = {d:Date} ORDER BY generation`, { t, d: day });
  const group = (t: string, g: string, day: string) => wh.query<Record<string, unknown>>(
    `SELECT members, invitations, deep_invitations, deep_share, max_depth, trees, largest_tree FROM group_fission_daily FINAL
     WHERE tenant_id = {t:String} AND group_id = {g:String} AND day = {d:Date}`, { t, g, d: day });

  beforeAll(async () => {
    wh = await testWarehouse();
    await loadEvents(wh, [...growingGroup('live'), ...flatGroup('live'), ...growingGroup('scratch')]);
    const live = await listGroups(wh, 'live');
    // The live tenant is computed in February (the group seen for the first time) and again in July,
    // when the tree's first arrivals lie far before the 120-day window; the other only in July.
    await recompute({ warehouse: wh, asOf: T0 + 40 * DAY, groups: live, log: silentLogger() });
    await recompute({ warehouse: wh, asOf: LATER + DAY, groups: live, log: silentLogger() });
    await recompute({ warehouse: wh, asOf: LATER + DAY, groups: await listGroups(wh, 'scratch'), log: silentLogger() });
  }, 180_000);
  afterAll(async () => { await wh?.close(); });

  it('gives a three-generation tree its viral coefficients, depth and retention by generation', async () => {
    expect(await gens('live', '2026-02-14')).toEqual([
      { generation: 0, members: 2, viral_coefficient: 1, eligible_d7: 2, retained_d7: 1 },
      { generation: 1, members: 2, viral_coefficient: 2, eligible_d7: 2, retained_d7: 1 },
      { generation: 2, members: 4, viral_coefficient: 0.5, eligible_d7: 4, retained_d7: 1 },
      { generation: 3, members: 2, viral_coefficient: null, eligible_d7: 2, retained_d7: 1 },
    ]);
    expect(await group('live', 'grow', '2026-02-14')).toEqual([
      { members: 10, invitations: 8, deep_invitations: 2, deep_share: 0.25, max_depth: 3, trees: 1, largest_tree: 9 },
    ]);
  });

  it('places later invitees under inviters placed before the window, the same as from scratch', async () => {
    const july = await gens('live', '2026-07-02');
    expect(july.map((r) => [r.generation, r.members, r.viral_coefficient])).toEqual([
      [0, 3, 1], [1, 3, 1.333], [2, 4, 0.5], [3, 2, 1], [4, 2, null],
    ]);
    expect(july).toEqual(await gens('scratch', '2026-07-02'));
    expect(await group('live', 'grow', '2026-07-02')).toEqual([
      { members: 14, invitations: 11, deep_invitations: 4, deep_share: 0.364, max_depth: 4, trees: 2, largest_tree: 11 },
    ]);
    const placed = await wh.query<Record<string, unknown>>(
      `SELECT member_id, generation, root_id, joined FROM member_invitations FINAL WHERE tenant_id = 'live' AND group_id = 'grow'
       AND member_id IN ('i', 'k', 'founder') ORDER BY member_id`);
    expect(placed).toEqual([
      { member_id: 'founder', generation: 0, root_id: 'founder', joined: 0 },
      { member_id: 'i', generation: 4, root_id: 'r', joined: 1 },
      { member_id: 'k', generation: 1, root_id: 'founder', joined: 1 },
    ]);
  });

  it('explains a dead group with shallow invitations in its health reasons', async () => {
    const [h] = await wh.query<{ status: string; reason_codes: string[]; reason_details: string[] }>(
      `SELECT status, reason_codes, reason_details FROM group_health_daily FINAL WHERE tenant_id = 'live' AND group_id = 'flat' AND day = '2026-02-14'`);
    expect(h!.status).toBe('dead');
    expect(h!.reason_codes).toContain('shallow_invitations');
    expect(h!.reason_details.find((d) => d.startsWith('Invitations stay'))).toBe(
      "Invitations stay in the founders' circles: 0 of 25 invitations (0%) reached depth 3 or more, deepest 1; long-lived groups reach about 10%, short-lived ones about 1%.");
  });

  it('reports generations, depth, trees by root and inviters whose invitees stay', async () => {
    const report = await buildReport(wh, { asOf: T0 + 40 * DAY, tenantId: 'live' });
    const f = report.groups.find((g) => g.groupId === 'grow')!.fission as GroupFissionReport;
    expect(f).toMatchObject({ invitations: 8, deepInvitations: 2, deepShare: 0.25, maxDepth: 3, trees: 1 });
    expect(f.generations.map((x) => x.viralCoefficient)).toEqual([1, 2, 0.5, null]);
    expect(f.topTrees).toEqual([{ rootId: 'r', members: 9, depth: 3 }]);
    expect(f.topInviters[0]).toEqual({ memberId: 'a', generation: 1, invited: 3, retentionD7: 0.333, retentionD30: 0.333 });
    const text = renderReportText(report);
    expect(text).toMatch(/Fission: growth through invitations/);
    expect(text).toMatch(/grow\s+grow\s+8\s+25%\s+3\s+1\s+0→1 1\.00, 1→2 2\.00, 2→3 0\.50/);
  });
});

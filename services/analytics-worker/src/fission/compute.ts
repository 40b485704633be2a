// Fission for the scope's groups as of the scope's instant: places the window's arrivals under the
// placements kept before it (member_invitations), then writes each group's generations, viral
// coefficients, depth of invitation and the retention of each generation.
import { placeArrivals, summarizeFission, type Arrival, type FissionSummary, type Placement } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey, rowGroupKey as keyOf, rowsByGroup as bucket, type GroupRef } from '../context.js';
import { dayKey, scopeParams, type Scope } from '../activity/scope.js';
import { ARRIVALS, FIRST_MEMBERSHIP_RETENTION, KEPT_PLACEMENTS } from './queries.js';

type Keyed = { tenant_id: string; platform: string; group_id: string };
interface ArrivalRow extends Keyed { member_id: string; joined_at: number; inviter_id: string }
interface PlacementRow extends Keyed { member_id: string; joined_ms: number; joined: number; inviter_id: string; generation: number; root_id: string }
interface RetentionRow extends Keyed { member_id: string; d7: number | null; d30: number | null }

export interface GroupFission extends GroupRef { day: string; summary: FissionSummary }

/**
 * `since`: arrivals at or after it are placed again (0: the whole history, for groups seen for the
 * first time); earlier ones keep their stored placement.
 */
export async function writeFission(wh: Warehouse, scope: Scope & { since: number }): Promise<GroupFission[]> {
  if (scope.groups.length === 0) return [];
  const params = scopeParams(scope);
  const [arrivals, kept, retention] = await Promise.all([
    wh.query<ArrivalRow>(ARRIVALS, params),
    scope.since > 0 ? wh.query<PlacementRow>(KEPT_PLACEMENTS, params) : Promise.resolve([]),
    wh.query<RetentionRow>(FIRST_MEMBERSHIP_RETENTION, params),
  ]);
  const arrivalsBy = bucket(arrivals);
  const keptBy = bucket(kept);
  const retentionBy = bucket(retention);
  const day = dayKey(scope.asOf, scope.timeZone);
  const placementRows: Record<string, unknown>[] = [];
  const groupRows: Record<string, unknown>[] = [];
  const generationRows: Record<string, unknown>[] = [];
  const out: GroupFission[] = [];
  for (const g of scope.groups) {
    const k = groupKey(g);
    const known = new Map<string, Placement>((keptBy.get(k) ?? []).map((r) => [r.member_id, {
      memberId: r.member_id, joinedAt: Number(r.joined_ms), joined: Number(r.joined) === 1, inviterId: r.inviter_id || null,
      generation: Number(r.generation), rootId: r.root_id,
    }]));
    const fresh: Arrival[] = (arrivalsBy.get(k) ?? []).map((r) => ({ memberId: r.member_id, joinedAt: Number(r.joined_at), inviterId: r.inviter_id || null }));
    if (known.size === 0 && fresh.length === 0) continue;
    const placed = placeArrivals(fresh, known);
    const key = { tenant_id: g.tenantId, platform: g.platform, group_id: g.groupId };
    for (const p of placed.values()) {
      const before = known.get(p.memberId);
      if (before && before.joinedAt === p.joinedAt && before.joined === p.joined) continue;
      placementRows.push({
        ...key, member_id: p.memberId, joined_at: new Date(p.joinedAt).toISOString(), joined: p.joined ? 1 : 0, inviter_id: p.inviterId ?? '',
        generation: p.generation, root_id: p.rootId,
      });
    }
    const summary = summarizeFission(placed.values());
    out.push({ ...g, day, summary });
    groupRows.push({
      ...key, day, members: placed.size, invitations: summary.invitations, deep_invitations: summary.deepInvitations,
      deep_share: summary.deepShare, max_depth: summary.maxDepth, trees: summary.trees, largest_tree: summary.largestTree,
    });
    const stayed = new Map((retentionBy.get(k) ?? []).map((r) => [r.member_id, r]));
    for (const gen of summary.generations) {
      let eligibleD7 = 0, retainedD7 = 0, eligibleD30 = 0, retainedD30 = 0;
      for (const p of placed.values()) {
        if (p.generation !== gen.generation) continue;
        const r = stayed.get(p.memberId);
        if (r?.d7 !== null && r?.d7 !== undefined) { eligibleD7++; retainedD7 += Number(r.d7); }
        if (r?.d30 !== null && r?.d30 !== undefined) { eligibleD30++; retainedD30 += Number(r.d30); }
      }
      generationRows.push({
        ...key, day, generation: gen.generation, members: gen.members, viral_coefficient: gen.viralCoefficient,
        eligible_d7: eligibleD7, retained_d7: retainedD7, eligible_d30: eligibleD30, retained_d30: retainedD30,
      });
    }
  }
  if (placementRows.length) await wh.insert('member_invitations', placementRows);
  if (groupRows.length) await wh.insert('group_fission_daily', groupRows);
  if (generationRows.length) await wh.insert('fission_generations_daily', generationRows);
  return out;
}

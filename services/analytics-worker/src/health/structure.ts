// Turns the structure queries into the signals group health reads.
// A core member is defined once, with the member segments.
import { CORE_MIN_DAYS, CORE_MIN_REPLIERS, type DepartedKol, type StructureSignals } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { rowGroupKey as keyOf, rowsByGroup as byGroup } from '../context.js';
import { scopeParams, type Scope } from '../activity/scope.js';
import { MEMBER_PRESENCE, PRIOR_INTERACTIONS } from './structure-queries.js';

/** A member holding at least this share of the prior interactions, among the top 3, is a key member. */
export const KEY_MEMBER_SHARE = 0.12;
export const KEY_MEMBER_MIN_INTERACTIONS = 10;
/** A key member silent this long, while others still talk, has departed. */
export const KOL_SILENT_DAYS = 7;

const DAY = 86_400_000;

interface Row { tenant_id: string; platform: string; group_id: string; member_id: string }
interface Interactions extends Row { interactions: number }
interface Presence extends Row {
  left_at: number; left: number; last_spoke_at: number | null; messages_28d: number | null; days_28d: number | null; repliers_28d: number | null;
}

export async function readStructureSignals(wh: Warehouse, scope: Scope): Promise<Map<string, StructureSignals>> {
  // The rules look back 35 days: read no further.
  const params = scopeParams({ ...scope, since: Math.max(scope.since ?? 0, scope.asOf - 36 * DAY) });
  // Key members come from the events of the prior window only, not from KOL snapshots: a verdict
  // that depended on which days the graph had run would differ between the live service and a
  // computation from scratch over the same history.
  const [interactions, presence] = await Promise.all([
    wh.query<Interactions>(PRIOR_INTERACTIONS, params),
    wh.query<Presence>(MEMBER_PRESENCE, params),
  ]);
  const inter = byGroup(interactions);
  const out = new Map<string, StructureSignals>();
  for (const [key, members] of byGroup(presence)) {
    const prior = (inter.get(key) ?? []).map((r) => ({ id: r.member_id, n: Number(r.interactions) })).sort((a, b) => b.n - a.n);
    const total = prior.reduce((s, r) => s + r.n, 0);
    const share = new Map(prior.map((r) => [r.id, total ? r.n / total : 0]));
    const candidates = new Set(prior.slice(0, 3).filter((r) => r.n >= KEY_MEMBER_MIN_INTERACTIONS && r.n / total >= KEY_MEMBER_SHARE).map((r) => r.id));

    // Outer joins give 0 for a member who never spoke.
    const spokeAt = (m: Presence) => Number(m.last_spoke_at ?? 0);
    const recentSpeakers = members.filter((m) => spokeAt(m) > scope.asOf - KOL_SILENT_DAYS * DAY).length;
    const departed: DepartedKol[] = [];
    for (const m of members) {
      if (!candidates.has(m.member_id)) continue;
      const priorShare = share.get(m.member_id) ?? 0;
      if (Number(m.left) === 1 && Number(m.left_at) > scope.asOf - 28 * DAY) {
        departed.push({ memberId: m.member_id, how: 'left', priorShare, at: Number(m.left_at) });
      } else if (Number(m.left) !== 1 && recentSpeakers > 0 && spokeAt(m) > 0 && spokeAt(m) <= scope.asOf - KOL_SILENT_DAYS * DAY) {
        departed.push({ memberId: m.member_id, how: 'silent', priorShare, at: spokeAt(m) });
      }
    }
    const messages = members.map((m) => Number(m.messages_28d ?? 0));
    const totalMessages = messages.reduce((s, n) => s + n, 0);
    out.set(key, {
      coreMembers: members.filter((m) => Number(m.left) !== 1 && Number(m.days_28d ?? 0) >= CORE_MIN_DAYS && Number(m.repliers_28d ?? 0) >= CORE_MIN_REPLIERS).length,
      topSpeakerShare: totalMessages ? Math.max(...messages) / totalMessages : 0,
      departedKols: departed,
    });
  }
  return out;
}

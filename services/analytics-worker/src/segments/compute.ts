// member_segment_daily and member_segment_transitions for the scope's groups and their tenants:
// reads every member's inputs in one query, judges each with @qunpulse/health's segment rules, and
// stores the day's segments and the moves since the previous judged day.
import {
  DAY_MS, memberSegment, SEGMENT_LOOKBACK_DAYS, type MemberSegmentInput, type Segment, type SegmentRules,
} from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { dayKey, scopeParams, type Scope } from '../activity/scope.js';
import { KOL_RANKS, MEMBER_SEGMENT_INPUTS, PREVIOUS_SEGMENTS } from './queries.js';

interface InputRow {
  tenant_id: string; platform: string; group_id: string; member_id: string; first_seen_at: number; left: number; bot: number; staff: number;
  messages_14d: number; messages_28d: number; messages_prior_28d: number; days_28d: number; days_prior_28d: number;
  last_spoke_at: number; repliers_28d: number;
}
interface Keyed { tenant_id: string; platform: string; group_id: string; member_id: string }

export interface MemberSegmentRow extends Keyed {
  day: string; segment: Segment; messages_14d: number; messages_28d: number; messages_prior_28d: number; days_28d: number;
  last_spoke_day: string | null;
}
export interface SegmentTransitionRow extends Keyed { day: string; from_segment: Segment | ''; to_segment: Segment; from_day: string }

/** group_id '' holds the tenant-wide view. */
export const TENANT_WIDE = '';

const memberKey = (r: Keyed) => `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}\u001f${r.member_id}`;
const scopeKey = (r: Omit<Keyed, 'member_id'>) => `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}`;

export function segmentInput(r: InputRow, kolRank: number): MemberSegmentInput {
  const last = Number(r.last_spoke_at);
  return {
    role: Number(r.bot) ? 'bot' : Number(r.staff) ? 'staff' : null,
    firstSeenAt: Number(r.first_seen_at), left: Number(r.left) === 1, lastSpokeAt: last > 0 ? last : null,
    messages14d: Number(r.messages_14d), messages28d: Number(r.messages_28d), messagesPrior28d: Number(r.messages_prior_28d),
    days28d: Number(r.days_28d), daysPrior28d: Number(r.days_prior_28d), repliers28d: Number(r.repliers_28d), kolRank,
  };
}

/** Every member's segment in each group of the scope and across the scope's groups of each tenant, as of the scope's instant. */
export async function computeSegments(wh: Warehouse, scope: Scope, rules: SegmentRules): Promise<MemberSegmentRow[]> {
  if (scope.groups.length === 0) return [];
  const params = {
    ...scopeParams({ ...scope, since: scope.asOf - SEGMENT_LOOKBACK_DAYS * DAY_MS }),
    lookbackDays: SEGMENT_LOOKBACK_DAYS, kolTopRank: rules.kolTopRank, tenantKolTopRank: rules.tenantKolTopRank,
  };
  const [inputs, ranks] = await Promise.all([wh.query<InputRow>(MEMBER_SEGMENT_INPUTS, params), wh.query<Keyed & { rank: number }>(KOL_RANKS, params)]);
  const rankOf = new Map(ranks.map((r) => [memberKey(r), Number(r.rank)]));
  const day = dayKey(scope.asOf, scope.timeZone);
  const tz = scope.timeZone ?? 'UTC';
  return inputs.map((r) => {
    const input = segmentInput(r, rankOf.get(memberKey(r)) ?? 0);
    return {
      tenant_id: r.tenant_id, platform: r.platform, group_id: r.group_id, member_id: r.member_id, day,
      segment: memberSegment(input, scope.asOf, rules, r.group_id === TENANT_WIDE ? 'tenant' : 'group'),
      messages_14d: input.messages14d, messages_28d: input.messages28d, messages_prior_28d: input.messagesPrior28d, days_28d: input.days28d,
      last_spoke_day: input.lastSpokeAt === null ? null : dayKey(input.lastSpokeAt, tz),
    };
  });
}

/**
 * The moves since each scope's previous judged day (within 35 days). A member new to a scope that
 * was judged before moves from ''; a scope judged for the first time has no moves.
 */
export async function segmentTransitions(wh: Warehouse, scope: Scope, today: MemberSegmentRow[]): Promise<SegmentTransitionRow[]> {
  if (today.length === 0) return [];
  const previous = await wh.query<Keyed & { segment: Segment; dkey: string }>(PREVIOUS_SEGMENTS, scopeParams(scope));
  const before = new Map(previous.map((r) => [memberKey(r), r]));
  const judgedOn = new Map(previous.map((r) => [scopeKey(r), r.dkey]));
  const out: SegmentTransitionRow[] = [];
  for (const r of today) {
    const fromDay = judgedOn.get(scopeKey(r));
    if (fromDay === undefined) continue;
    const was = before.get(memberKey(r))?.segment ?? '';
    if (was !== r.segment) {
      out.push({ tenant_id: r.tenant_id, platform: r.platform, group_id: r.group_id, member_id: r.member_id, day: r.day, from_segment: was, to_segment: r.segment, from_day: fromDay });
    }
  }
  return out;
}

export async function writeSegments(wh: Warehouse, scope: Scope, rules: SegmentRules): Promise<{ segments: number; transitions: number }> {
  const rows = await computeSegments(wh, scope, rules);
  const moves = await segmentTransitions(wh, scope, rows);
  if (rows.length) await wh.insert('member_segment_daily', rows);
  if (moves.length) await wh.insert('member_segment_transitions', moves);
  return { segments: rows.length, transitions: moves.length };
}

// Reading segments back: the members of a group (or of a tenant across its groups) on the latest
// judged day, and who moved where since a day. Shared by `qunpulse members` and the report.
import { SEGMENTS, type Segment } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';

export interface SegmentQuery {
  tenantId: string;
  /** A group id, or TENANT_WIDE ('') for the tenant across its groups. */
  groupId: string;
  platform?: string;
  /** Only members in this segment (moves: into it). */
  segment?: Segment;
}

export interface MemberSegmentEntry {
  platform: string; memberId: string; segment: Segment; messages28d: number; messagesPrior28d: number; days28d: number; lastSpokeDay: string | null;
}
export interface SegmentMove { platform: string; memberId: string; day: string; from: Segment | ''; to: Segment }

/** Checks a segment name, naming the allowed ones when it is not one. */
export function parseSegment(value: string, field = 'segment'): Segment {
  if (!(SEGMENTS as readonly string[]).includes(value)) throw new Error(`${field}: must be one of ${SEGMENTS.join(', ')}, got ${JSON.stringify(value)}`);
  return value as Segment;
}

const WHERE = `tenant_id = {tenant:String} AND group_id = {group:String} AND ({platform:String} = '' OR platform = {platform:String})`;
const params = (q: SegmentQuery) => ({ tenant: q.tenantId, group: q.groupId, platform: q.platform ?? '', segment: q.segment ?? '' });

/** The scope's members on its latest judged day (none when it was never judged), most active first. */
export async function readMemberSegments(wh: Warehouse, q: SegmentQuery): Promise<{ day: string | null; members: MemberSegmentEntry[] }> {
  const [latest] = await wh.query<{ dkey: string; n: number }>(
    `SELECT toString(max(day)) AS dkey, count() AS n FROM member_segment_daily WHERE ${WHERE}`, params(q));
  if (!latest || Number(latest.n) === 0) return { day: null, members: [] };
  const rows = await wh.query<{ platform: string; member_id: string; segment: Segment; messages_28d: number; messages_prior_28d: number; days_28d: number; last_spoke_day: string | null }>(
    `SELECT platform, member_id, segment, messages_28d, messages_prior_28d, days_28d, toString(last_spoke_day) AS last_spoke_day
     FROM member_segment_daily FINAL
     WHERE ${WHERE} AND day = {day:Date} AND ({segment:String} = '' OR segment = {segment:String})
     ORDER BY messages_28d DESC, member_id`, { ...params(q), day: latest.dkey });
  return {
    day: latest.dkey,
    members: rows.map((r) => ({
      platform: r.platform, memberId: r.member_id, segment: r.segment, messages28d: Number(r.messages_28d),
      messagesPrior28d: Number(r.messages_prior_28d), days28d: Number(r.days_28d), lastSpokeDay: r.last_spoke_day,
    })),
  };
}

/** Moves judged on `since` or later, newest first. */
export async function readSegmentMoves(wh: Warehouse, q: SegmentQuery & { since: string }): Promise<SegmentMove[]> {
  const rows = await wh.query<{ platform: string; member_id: string; dkey: string; from_segment: Segment | ''; to_segment: Segment }>(
    `SELECT platform, member_id, toString(day) AS dkey, from_segment, to_segment FROM member_segment_transitions FINAL
     WHERE ${WHERE} AND day >= {since:Date} AND ({segment:String} = '' OR to_segment = {segment:String})
     ORDER BY day DESC, to_segment, member_id`, { ...params(q), since: q.since });
  return rows.map((r) => ({ platform: r.platform, memberId: r.member_id, day: r.dkey, from: r.from_segment, to: r.to_segment }));
}

/** The tenants that have a group with this id (to find the group's tenant when it is not named). */
export async function tenantsOfGroup(wh: Warehouse, groupId: string): Promise<string[]> {
  const rows = await wh.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM group_registry WHERE group_id = {g:String} ORDER BY tenant_id', { g: groupId });
  return rows.map((r) => r.tenant_id);
}


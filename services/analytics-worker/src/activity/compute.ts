// group_activity_daily for the scope's groups: runs the per-concern queries, joins them by group
// and day, derives the ratios, and writes one row per group per day since the group began.
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey, rowGroupKey as rowKey, type GroupRef } from '../context.js';
import { ACTIVE_WINDOWS, GROUP_INFO, JOINS_LEAVES, MEMBERSHIP, MESSAGE_COUNTS, NEWCOMERS, REPLIES } from './queries.js';
import { addDays, dayStart } from '@qunpulse/health';
import { dayKey, IN_GROUPS, scopeParams, type Scope } from './scope.js';

export interface ActivityRow {
  tenant_id: string; platform: string; group_id: string; day: string;
  members: number; human_messages: number; staff_messages: number; bot_messages: number; system_messages: number; ad_messages: number;
  red_packet_messages: number; red_packet_replies: number; speakers: number;
  active_1d: number; active_7d: number; active_28d: number; stickiness: number; lurker_share: number;
  content_producers: number; reply_rate: number; median_first_reply_s: number;
  newcomers: number; newcomers_welcomed: number;
  joins_invite: number; joins_qr_code: number; joins_link: number; joins_admin: number; joins_unknown: number;
  leaves_quit: number; leaves_removed: number; leaves_unknown: number;
}

export interface GroupInfo extends GroupRef { createdAt: number; name: string; purpose: string }

type Keyed = { tenant_id: string; platform: string; group_id: string; dkey: string } & Record<string, unknown>;

/** Days of history recomputed by default: enough for the health windows (35 days) with margin. */
export const DEFAULT_ACTIVITY_DAYS = 42;

export async function readGroupInfo(wh: Warehouse, scope: Scope): Promise<Map<string, GroupInfo>> {
  const rows = await wh.query<{ tenant_id: string; platform: string; group_id: string; created_at: number; name: string; purpose: string }>(
    GROUP_INFO, scopeParams(scope));
  return new Map(rows.map((r) => [groupKey({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id }), {
    tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id, createdAt: Number(r.created_at), name: r.name || r.group_id, purpose: r.purpose || 'other',
  }]));
}

export interface HourRow { tenant_id: string; platform: string; group_id: string; day: string; hour: number; weekday: number; human_messages: number }

interface ActivityResult {
  rows: ActivityRow[];
  /** Hours with human messages on the days computed. */
  hours: HourRow[];
  /** First day computed (YYYY-MM-DD), null when nothing was. */
  fromDay: string | null;
}

/** Computes the activity rows of the `days` days ending on the as-of day (all history when days is omitted). */
export async function computeActivity(wh: Warehouse, scope: Scope, days?: number): Promise<ActivityRow[]> {
  return (await computeActivityAndHours(wh, scope, days)).rows;
}

/** 1 = Monday … 7 = Sunday. */
const weekdayOf = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

async function computeActivityAndHours(wh: Warehouse, scope: Scope, days?: number): Promise<ActivityResult> {
  if (scope.groups.length === 0) return { rows: [], hours: [], fromDay: null };
  const info = await readGroupInfo(wh, scope);
  // Groups whose first event is after as-of have no days yet.
  if (info.size === 0) return { rows: [], hours: [], fromDay: null };
  const tz = scope.timeZone ?? 'UTC';
  const asOfDay = dayKey(scope.asOf, tz);
  const earliest = [...info.values()].map((g) => dayKey(g.createdAt, tz)).sort()[0]!;
  const fromDay = days === undefined ? earliest : [earliest, addDays(asOfDay, -(days - 1))].sort()[1]!;
  // The 28-day active windows of the first day reach back 27 days before it; a day of margin more.
  const since = days === undefined ? 0 : dayStart(addDays(fromDay, -29), tz);
  const params = { ...scopeParams({ ...scope, since }), from: fromDay };

  const [counts, active, replies, joins, newcomers, membership] = await Promise.all([
    MESSAGE_COUNTS, ACTIVE_WINDOWS, REPLIES, JOINS_LEAVES, NEWCOMERS, MEMBERSHIP,
  ].map((sql) => wh.query<Keyed>(sql, params)));

  const cells = new Map<string, Record<string, unknown>>();
  for (const set of [counts!, active!, replies!, joins!, newcomers!]) {
    for (const r of set) {
      const k = `${rowKey(r)}\u001f${r.dkey}`;
      cells.set(k, { ...cells.get(k), ...r });
    }
  }
  const memberChanges = new Map<string, Array<{ day: string; members: number }>>();
  for (const r of membership!) {
    const list = memberChanges.get(rowKey(r)) ?? [];
    list.push({ day: r.dkey, members: Number(r.members) });
    memberChanges.set(rowKey(r), list);
  }

  const hours: HourRow[] = [];
  for (const r of counts!) {
    const [hs, cs] = r.hourly as [number[], number[]];
    for (let i = 0; i < hs.length; i++) {
      hours.push({ tenant_id: r.tenant_id, platform: r.platform, group_id: r.group_id, day: r.dkey, hour: Number(hs[i]), weekday: weekdayOf(r.dkey), human_messages: Number(cs[i]) });
    }
  }

  const out: ActivityRow[] = [];
  for (const [key, g] of info) {
    const changes = (memberChanges.get(key) ?? []).sort((a, b) => a.day.localeCompare(b.day));
    let ci = 0;
    let members = 0;
    const created = dayKey(g.createdAt, tz);
    const start = fromDay > created ? fromDay : created;
    const firstChange = changes[0]?.day;
    for (let day = firstChange !== undefined && firstChange < start ? firstChange : start; day <= asOfDay; day = addDays(day, 1)) {
      while (ci < changes.length && changes[ci]!.day <= day) members = changes[ci++]!.members;
      if (day < start) continue;
      out.push(activityRow(g, day, members, cells.get(`${key}\u001f${day}`) ?? {}));
    }
  }
  return { rows: out, hours, fromDay };
}

function activityRow(g: GroupRef, day: string, members: number, c: Record<string, unknown>): ActivityRow {
  const n = (k: string) => Number(c[k] ?? 0);
  const human = n('human_messages');
  const active28 = n('active_28d');
  return {
    tenant_id: g.tenantId, platform: g.platform, group_id: g.groupId, day, members,
    human_messages: human, staff_messages: n('staff_messages'), bot_messages: n('bot_messages'), system_messages: n('system_messages'), ad_messages: n('ad_messages'),
    red_packet_messages: n('red_packet_messages'), red_packet_replies: n('red_packet_replies'),
    speakers: n('speakers'), active_1d: n('speakers'), active_7d: n('active_7d'), active_28d: active28,
    // DAU/MAU with DAU averaged over the month: one quiet day does not swing it.
    stickiness: active28 ? n('mean_daily_speakers_28d') / active28 : 0,
    lurker_share: members ? Math.max(0, members - Math.min(active28, members)) / members : 0,
    content_producers: n('content_producers'),
    reply_rate: human ? Math.min(1, n('answered') / human) : 0,
    median_first_reply_s: n('median_first_reply_s'),
    newcomers: n('newcomers'), newcomers_welcomed: n('newcomers_welcomed'),
    joins_invite: n('joins_invite'), joins_qr_code: n('joins_qr_code'), joins_link: n('joins_link'),
    joins_admin: n('joins_admin'), joins_unknown: n('joins_unknown'),
    leaves_quit: n('leaves_quit'), leaves_removed: n('leaves_removed'), leaves_unknown: n('leaves_unknown'),
  };
}

/** Hours stored with human messages on the days from `fromDay` on, for the scope's groups. */
const STORED_HOURS = `
  SELECT tenant_id, platform, group_id, toString(day) AS dkey, hour, weekday FROM group_activity_hourly FINAL
  WHERE ${IN_GROUPS} AND day >= {from:Date} AND human_messages > 0`;

/** Computes and stores activity, daily and hourly; returns the daily rows written. */
export async function writeActivity(wh: Warehouse, scope: Scope, days?: number): Promise<ActivityRow[]> {
  const { rows, hours, fromDay } = await computeActivityAndHours(wh, scope, days);
  if (rows.length) await wh.insert('group_activity_daily', rows);
  if (fromDay !== null) {
    // An hour stored before that has no human message now (its sender was since flagged) goes back to 0.
    const fresh = new Set(hours.map(hourKey));
    const stored = await wh.query<Omit<HourRow, 'human_messages' | 'day'> & { dkey: string }>(STORED_HOURS, { ...scopeParams(scope), from: fromDay });
    const cleared = stored
      .map(({ dkey, ...h }) => ({ ...h, day: dkey, hour: Number(h.hour), weekday: Number(h.weekday), human_messages: 0 }))
      .filter((h) => !fresh.has(hourKey(h)));
    if (hours.length || cleared.length) await wh.insert('group_activity_hourly', [...hours, ...cleared]);
  }
  return rows;
}

const hourKey = (h: { tenant_id: string; platform: string; group_id: string; day: string; hour: number }) =>
  `${h.tenant_id}\u001f${h.platform}\u001f${h.group_id}\u001f${h.day}\u001f${Number(h.hour)}`;

/** Keys of the groups that already have rows in a per-group table (computed before). */
export async function groupsWithRows(wh: Warehouse, table: 'group_activity_daily' | 'member_retention' | 'member_invitations', groups: GroupRef[]): Promise<Set<string>> {
  if (groups.length === 0) return new Set();
  const rows = await wh.query<{ tenant_id: string; platform: string; group_id: string }>(
    `SELECT DISTINCT tenant_id, platform, group_id FROM ${table} WHERE ${IN_GROUPS}`,
    scopeParams({ groups, asOf: 0 }),
  );
  return new Set(rows.map(rowKey));
}

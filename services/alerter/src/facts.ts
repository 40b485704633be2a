// Assembles each group's facts for the rules from the health, activity, KOL and event tables.
import type { GroupFacts, KolRef, SlaFacts } from '@qunpulse/alerts';
import type { Warehouse } from '@qunpulse/warehouse';

export interface GroupRef { tenantId: string; platform: string; groupId: string }

const KEY = 'tenant_id, platform, group_id';
const SCOPE = `tenant_id IN {tenants:Array(String)} AND platform IN {platforms:Array(String)} AND group_id IN {groupIds:Array(String)}
  AND (tenant_id, platform, group_id) IN (SELECT arrayJoin(arrayZip({gt:Array(String)}, {gp:Array(String)}, {gg:Array(String)})))`;

/** The tenant-local day of a membership event. */
const EVENT_DAY = `toDate(occurred_at, {tz:String})`;

const HEALTH = `
  SELECT ${KEY}, toString(day) AS health_day, group_name, purpose, status, health_score, members, active_members_7d, messages_7d,
         reason_codes, reason_details
  FROM group_health_daily FINAL
  WHERE ${SCOPE} AND day <= {day:Date}
  ORDER BY ${KEY}, day DESC
  LIMIT 2 BY ${KEY}`;

// The last 7 days against the days before them (up to 28), scaled to a 7-day average. Newcomers
// count over the 7 days before the last: a welcome may come up to a day after joining.
const ACTIVITY = `
  SELECT ${KEY},
    sumIf(leaves_quit + leaves_removed + leaves_unknown, day > {day:Date} - 7) AS leaves7,
    sumIf(leaves_quit + leaves_removed + leaves_unknown, day <= {day:Date} - 7) * 7 / greatest(countIf(day <= {day:Date} - 7), 1) AS leaves_base,
    sumIf(ad_messages, day > {day:Date} - 7) AS ads7,
    sumIf(human_messages, day > {day:Date} - 7) AS human7,
    sumIf(ad_messages, day <= {day:Date} - 7) * 7 / greatest(countIf(day <= {day:Date} - 7), 1) AS ads_base,
    sumIf(newcomers, day > {day:Date} - 8 AND day < {day:Date}) AS new7,
    sumIf(newcomers_welcomed, day > {day:Date} - 8 AND day < {day:Date}) AS welcomed7
  FROM group_activity_daily FINAL
  WHERE ${SCOPE} AND day <= {day:Date} AND day > {day:Date} - 35
  GROUP BY ${KEY}`;

// Rank among the group's non-spammers on that snapshot, by KOL score: a spammer never pushes a
// real KOL out of the top ranks.
const KOL_RANK = `row_number() OVER (PARTITION BY ${KEY}, day ORDER BY score DESC, member_id)`;

// Members who left in the last 7 days, with their best KOL rank in the 4 weeks before leaving.
const DEPARTED = `
  SELECT l.tenant_id AS tenant_id, l.platform AS platform, l.group_id AS group_id, l.member_id AS member_id,
         min(k.rank) AS best_rank, max(k.score) AS score
  FROM (
    SELECT ${KEY}, member_id, max(${EVENT_DAY}) AS left_day
    FROM membership_events FINAL
    WHERE ${SCOPE} AND type = 'member_left' AND ${EVENT_DAY} > {day:Date} - 7 AND ${EVENT_DAY} <= {day:Date}
    GROUP BY ${KEY}, member_id
  ) AS l
  INNER JOIN (
    SELECT ${KEY}, member_id, day, score, ${KOL_RANK} AS rank FROM member_kol_daily FINAL
    WHERE ${SCOPE} AND day > {day:Date} - 35 AND day <= {day:Date} AND is_spammer = 0
  ) AS k ON k.tenant_id = l.tenant_id AND k.platform = l.platform AND k.group_id = l.group_id AND k.member_id = l.member_id
  WHERE k.day <= l.left_day AND k.day > l.left_day - 28
  GROUP BY tenant_id, platform, group_id, member_id`;

// The most central members on the latest snapshot who have not left.
const REMAINING = `
  SELECT ${KEY}, member_id, ${KOL_RANK} AS rank, score
  FROM member_kol_daily FINAL
  WHERE ${SCOPE} AND is_spammer = 0
    AND (${KEY}, day) IN (SELECT ${KEY}, max(day) FROM member_kol_daily WHERE ${SCOPE} AND day <= {day:Date} GROUP BY ${KEY})
    AND (${KEY}, member_id) NOT IN (
      SELECT ${KEY}, member_id FROM membership_events FINAL
      WHERE ${SCOPE} AND ${EVENT_DAY} <= {day:Date}
      GROUP BY ${KEY}, member_id
      HAVING argMax(type, occurred_at) = 'member_left'
    )
  ORDER BY ${KEY}, rank
  LIMIT 5 BY ${KEY}`;

// The day's response times and whether the day before already missed the service level.
const SLA = `
  SELECT ${KEY}, maxIf(breached, day = {day:Date}) AS is_breached, maxIf(breached, day = {day:Date} - 1) AS was_breached,
         anyIf(questions, day = {day:Date}) AS q, anyIf(answered, day = {day:Date}) AS a,
         anyIf(within_target, day = {day:Date}) AS in_time, anyIf(overdue, day = {day:Date}) AS late,
         anyIf(within_share, day = {day:Date}) AS share, anyIf(target_minutes, day = {day:Date}) AS target,
         anyIf(p50_minutes, day = {day:Date}) AS p50, anyIf(p90_minutes, day = {day:Date}) AS p90
  FROM group_sla_daily FINAL
  WHERE ${SCOPE} AND day IN ({day:Date}, {day:Date} - 1)
  GROUP BY ${KEY}
  HAVING countIf(day = {day:Date}) > 0`;

interface SlaRow {
  tenant_id: string; platform: string; group_id: string; is_breached: number; was_breached: number; q: number; a: number;
  in_time: number; late: number; share: number | null; target: number; p50: number | null; p90: number | null;
}

const num = (v: number | null) => (v === null ? null : Number(v));
const slaFacts = (r: SlaRow): SlaFacts => ({
  breached: Number(r.is_breached) === 1, breachedBefore: Number(r.was_breached) === 1, questions: Number(r.q), answered: Number(r.a),
  withinTarget: Number(r.in_time), overdue: Number(r.late), withinShare: num(r.share), targetMinutes: Number(r.target),
  p50Minutes: num(r.p50), p90Minutes: num(r.p90),
});

interface HealthRow {
  tenant_id: string; platform: string; group_id: string; health_day: string; group_name: string; purpose: string; status: string;
  health_score: number; members: number; active_members_7d: number; messages_7d: number; reason_codes: string[]; reason_details: string[];
}
interface ActivityRow {
  tenant_id: string; platform: string; group_id: string; leaves7: number; leaves_base: number; ads7: number; human7: number;
  ads_base: number; new7: number; welcomed7: number;
}
interface KolRow { tenant_id: string; platform: string; group_id: string; member_id: string; rank?: number; best_rank?: number; score: number }

const key = (r: { tenant_id: string; platform: string; group_id: string }) => `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}`;

function groupBy<T extends { tenant_id: string; platform: string; group_id: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r); else m.set(key(r), [r]);
  }
  return m;
}

/** Facts for each group that has a health row on or before `day` (YYYY-MM-DD in the tenant's zone). */
export async function readGroupFacts(wh: Warehouse, groups: GroupRef[], day: string, timeZone = 'UTC'): Promise<GroupFacts[]> {
  if (groups.length === 0) return [];
  const params = {
    tenants: [...new Set(groups.map((g) => g.tenantId))],
    platforms: [...new Set(groups.map((g) => g.platform))],
    groupIds: [...new Set(groups.map((g) => g.groupId))],
    gt: groups.map((g) => g.tenantId), gp: groups.map((g) => g.platform), gg: groups.map((g) => g.groupId),
    day, tz: timeZone,
  };
  const [health, activity, departed, remaining, sla] = await Promise.all([
    wh.query<HealthRow>(HEALTH, params),
    wh.query<ActivityRow>(ACTIVITY, params),
    wh.query<KolRow>(DEPARTED, params),
    wh.query<KolRow>(REMAINING, params),
    wh.query<SlaRow>(SLA, params),
  ]);
  const act = new Map(activity.map((a) => [key(a), a]));
  const slaBy = new Map(sla.map((r) => [key(r), slaFacts(r)]));
  const dep = groupBy(departed);
  const rem = groupBy(remaining);
  const out: GroupFacts[] = [];
  for (const [k, rows] of groupBy(health)) {
    const [today, before] = rows;
    if (!today) continue;
    const a = act.get(k);
    const ref = (r: KolRow): KolRef => ({ memberId: r.member_id, rank: Number(r.best_rank ?? r.rank), score: Number(r.score) });
    out.push({
      tenantId: today.tenant_id, platform: today.platform, groupId: today.group_id, groupName: today.group_name, purpose: today.purpose,
      day: today.health_day, status: today.status, ...(before ? { previousStatus: before.status } : {}),
      healthScore: Number(today.health_score), members: Number(today.members), activeMembers7d: Number(today.active_members_7d),
      messages7d: Number(today.messages_7d), reasonCodes: today.reason_codes, reasonDetails: today.reason_details,
      leaves7d: Number(a?.leaves7 ?? 0), leavesBaseline7d: Number(a?.leaves_base ?? 0),
      adMessages7d: Number(a?.ads7 ?? 0), humanMessages7d: Number(a?.human7 ?? 0), adBaseline7d: Number(a?.ads_base ?? 0),
      newcomers7d: Number(a?.new7 ?? 0), newcomersWelcomed7d: Number(a?.welcomed7 ?? 0),
      departedKols: (dep.get(k) ?? []).map(ref).sort((x, y) => x.rank - y.rank),
      remainingKols: (rem.get(k) ?? []).map(ref),
      ...(slaBy.has(k) ? { sla: slaBy.get(k)! } : {}),
    });
  }
  return out;
}

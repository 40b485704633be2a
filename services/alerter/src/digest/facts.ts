// What the weekly digest reports about one tenant's week, read from the analytics tables:
// groups whose status changed, KOLs new to and gone from the top of the tenant ranking (horizon
// 'current', a person linked across platforms once), fading members, and the week's newcomers
// (people, a linked person once) who stayed and spoke.
import type { KolChange, NewcomerRetention, StatusChange, WeeklyDigest } from '@qunpulse/alerts';
import { addDays, dayEnd, dayStart } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { fadingMembers } from './fading.js';

export interface DigestWeek {
  tenantId: string;
  timeZone: string;
  /** Monday of the week, tenant-local. */
  weekStart: string;
}

export interface DigestOptions {
  reportUrl: string;
  fadingLimit: number;
  topKols: number;
}

const STATUS_CHANGES = `
  SELECT toString(platform) AS platform, group_id, argMax(group_name, day) AS group_name,
         argMaxIf(status, day, day < {start:Date}) AS before, argMaxIf(status, day, day >= {start:Date}) AS after
  FROM group_health_daily FINAL
  WHERE tenant_id = {t:String} AND day <= {end:Date} AND day >= {start:Date} - 28
  GROUP BY platform, group_id
  HAVING countIf(day < {start:Date}) > 0 AND countIf(day >= {start:Date}) > 0 AND before != after
  ORDER BY multiIf(after = 'dead', 0, after = 'dying', 1, after = 'declining', 2, 3), group_id`;

const KOL_DAY = `SELECT toString(max(day)) AS d, count() AS n FROM tenant_kol_daily
  WHERE tenant_id = {t:String} AND horizon = 'current' AND day <= {until:Date}`;

const TOP_PEOPLE = `
  SELECT person, platforms FROM tenant_kol_people
  WHERE tenant_id = {t:String} AND horizon = 'current' AND day = {d:Date} AND is_spammer = 0 AND best_rank > 0
  ORDER BY score DESC, person LIMIT {n:UInt32}`;

const NEWCOMERS = `
  SELECT count() AS joined, countIf(spoke = 1) AS spoke FROM (
    SELECT person, min(joined_at) AS first_join, max(left_at IS NULL AND first_spoke_at IS NOT NULL) AS spoke
    FROM member_retention_persons WHERE tenant_id = {t:String} GROUP BY person)
  WHERE first_join >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND first_join <= fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;

export function reportLink(base: string, tenant: string): string {
  if (base.includes('{tenant}')) return base.replaceAll('{tenant}', encodeURIComponent(tenant));
  const u = new URL(base);
  u.searchParams.set('tenant', tenant);
  return u.toString();
}

async function topOn(wh: Warehouse, tenant: string, until: string, n: number): Promise<KolChange[]> {
  const [day] = await wh.query<{ d: string; n: number }>(KOL_DAY, { t: tenant, until });
  if (!day || Number(day.n) === 0) return [];
  const rows = await wh.query<{ person: string; platforms: string[] }>(TOP_PEOPLE, { t: tenant, d: day.d, n });
  return rows.map((r, i) => ({ member: r.person, platforms: r.platforms, rank: i + 1 }));
}

export async function readWeeklyDigest(wh: Warehouse, week: DigestWeek, o: DigestOptions): Promise<WeeklyDigest> {
  const { tenantId: t, timeZone, weekStart } = week;
  const weekEnd = addDays(weekStart, 6);
  const statusChanges = (await wh.query<{ platform: string; group_id: string; group_name: string; before: string; after: string }>(
    STATUS_CHANGES, { t, start: weekStart, end: weekEnd }))
    .map((r): StatusChange => ({ platform: r.platform, groupId: r.group_id, groupName: r.group_name, from: r.before, to: r.after }));
  const [now, before] = await Promise.all([topOn(wh, t, weekEnd, o.topKols), topOn(wh, t, addDays(weekStart, -1), o.topKols)]);
  // Without a ranking before the week there is nothing to compare: nobody is called new.
  const had = new Set(before.map((k) => k.member));
  const has = new Set(now.map((k) => k.member));
  const [newcomers] = await wh.query<NewcomerRetention>(NEWCOMERS, { t, from: dayStart(weekStart, timeZone), to: dayEnd(weekEnd, timeZone) });
  return {
    digestId: `digest:${t}:${weekStart}`, tenantId: t, weekStart, weekEnd, statusChanges,
    newKols: before.length ? now.filter((k) => !had.has(k.member)) : [],
    lostKols: now.length ? before.filter((k) => !has.has(k.member)) : [],
    fading: await fadingMembers(wh, t, weekEnd, o.fadingLimit),
    newcomers: { joined: Number(newcomers?.joined ?? 0), spoke: Number(newcomers?.spoke ?? 0) },
    reportUrl: reportLink(o.reportUrl, t),
  };
}

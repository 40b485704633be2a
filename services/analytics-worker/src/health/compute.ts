// group_health_daily for the scope's groups as of the scope's instant: reads the activity series,
// retention summary and structure signals, judges each group with @qunpulse/health and stores the
// verdict. Uses only events at or before as-of, so cutting history at T gives what T would have seen.
import {
  assessGroup, DAY_MS, tenantMovement, type ActivityDay, type GroupHealthInput, type HealthAssessment, type TenantGroupInput, type TenantMovement,
} from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import { groupKey, rowGroupKey as lastKey } from '../context.js';
import { listGroups } from '../groups.js';
import { readGroupInfo, type GroupInfo } from '../activity/compute.js';
import { AS_OF_DAY, dayKey, IN_GROUPS, scopeParams, type Scope } from '../activity/scope.js';
import { readRetentionSummaries } from '../retention/compute.js';
import { LAST_HUMAN_MESSAGE } from './structure-queries.js';
import { readStructureSignals } from './structure.js';
import { readTenantCalendars } from '../tenant-calendars.js';
import { readFissionSignals } from '../fission/read.js';

export interface GroupHealth extends HealthAssessment, GroupInfo {
  day: string;
  silentDays: number;
}

interface DayRow {
  tenant_id: string; platform: string; group_id: string; dkey: string; members: number; human_messages: number; staff_messages: number;
  system_messages: number; ad_messages: number; red_packet_messages: number; red_packet_replies: number; speakers: number;
  active_7d: number; active_28d: number; content_producers: number; reply_rate: number; newcomers: number;
  newcomers_welcomed: number; joins: number; leaves: number;
}

const SERIES = `
  SELECT tenant_id, platform, group_id, toString(day) AS dkey, members, human_messages, staff_messages, system_messages, ad_messages,
         red_packet_messages, red_packet_replies, speakers, active_7d, active_28d, content_producers, reply_rate,
         newcomers, newcomers_welcomed, joins_invite + joins_qr_code + joins_link + joins_admin + joins_unknown AS joins,
         leaves_quit + leaves_removed + leaves_unknown AS leaves
  FROM group_activity_daily FINAL
  WHERE ${IN_GROUPS} AND day > ${AS_OF_DAY} - 42 AND day <= ${AS_OF_DAY}`;

/** The last human message kept from earlier recomputes, for groups silent longer than the window. */
const KEPT_LAST_HUMAN = `
  SELECT tenant_id, platform, group_id, toUnixTimestamp64Milli(kept) AS last_at FROM (
    SELECT tenant_id, platform, group_id, max(last_at) AS kept FROM group_last_human
    WHERE ${IN_GROUPS} GROUP BY tenant_id, platform, group_id)
  WHERE kept <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;

/** Days of messages searched for the last human message before falling back on the kept one. */
const LAST_HUMAN_WINDOW_DAYS = 72;

type LastRow = { tenant_id: string; platform: string; group_id: string; last_at: number };
const keptRow = (r: LastRow) => ({ tenant_id: r.tenant_id, platform: r.platform, group_id: r.group_id, last_at: new Date(Number(r.last_at)).toISOString() });

/**
 * Each group's last human message at or before as-of: from the recent window, else the value
 * kept by earlier recomputes, else (once, for a group never seen) the whole history. The window's
 * value is kept for next time.
 */
async function readLastHuman(wh: Warehouse, scope: Scope): Promise<Map<string, number>> {
  const recent = await wh.query<LastRow>(LAST_HUMAN_MESSAGE, scopeParams({ ...scope, since: scope.asOf - LAST_HUMAN_WINDOW_DAYS * DAY_MS }));
  const out = new Map(recent.map((r) => [lastKey(r), Number(r.last_at)]));
  if (recent.length) await wh.insert('group_last_human', recent.map(keptRow));
  let missing = scope.groups.filter((g) => !out.has(groupKey(g)));
  if (missing.length) {
    for (const r of await wh.query<LastRow>(KEPT_LAST_HUMAN, scopeParams({ ...scope, groups: missing }))) out.set(lastKey(r), Number(r.last_at));
    missing = missing.filter((g) => !out.has(groupKey(g)));
  }
  if (missing.length) {
    const all = await wh.query<LastRow>(LAST_HUMAN_MESSAGE, scopeParams({ ...scope, groups: missing, since: 0 }));
    for (const r of all) out.set(lastKey(r), Number(r.last_at));
    if (all.length) await wh.insert('group_last_human', all.map(keptRow));
  }
  return out;
}

function toDay(r: DayRow): ActivityDay {
  return {
    day: r.dkey, members: Number(r.members), humanMessages: Number(r.human_messages), staffMessages: Number(r.staff_messages), systemMessages: Number(r.system_messages),
    adMessages: Number(r.ad_messages), redPacketMessages: Number(r.red_packet_messages), redPacketReplies: Number(r.red_packet_replies),
    speakers: Number(r.speakers), active7d: Number(r.active_7d), active28d: Number(r.active_28d),
    contentProducers: Number(r.content_producers), replyRate: Number(r.reply_rate), newcomers: Number(r.newcomers),
    newcomersWelcomed: Number(r.newcomers_welcomed), joins: Number(r.joins), leaves: Number(r.leaves),
  };
}

export interface GroupHealthInputs { info: GroupInfo; input: GroupHealthInput }

/** Everything the rules need for each group of the scope, from what the warehouse holds as of the scope's instant. */
export async function readHealthInputs(wh: Warehouse, scope: Scope): Promise<GroupHealthInputs[]> {
  if (scope.groups.length === 0) return [];
  const params = scopeParams(scope);
  const [info, series, lastAt, retention, structure, calendars, fission] = await Promise.all([
    readGroupInfo(wh, scope),
    wh.query<DayRow>(SERIES, params),
    readLastHuman(wh, scope),
    readRetentionSummaries(wh, scope),
    readStructureSignals(wh, scope),
    readTenantCalendars(wh, scope.groups.map((g) => g.tenantId)),
    readFissionSignals(wh, scope),
  ]);
  const days = seriesByGroup(series);
  const out: GroupHealthInputs[] = [];
  for (const [key, g] of info) {
    const retentionSummary = retention.get(key);
    const structureSignals = structure.get(key);
    const fissionSignals = fission.get(key);
    out.push({
      info: g,
      input: {
        groupId: g.groupId, asOf: scope.asOf, createdAt: g.createdAt, lastHumanMessageAt: lastAt.get(key) ?? null,
        days: days.get(key) ?? [], timeZone: scope.timeZone ?? 'UTC', calendar: calendars.get(g.tenantId)!,
        ...(retentionSummary ? { retention: retentionSummary } : {}),
        ...(structureSignals ? { structure: structureSignals } : {}),
        ...(fissionSignals ? { fission: fissionSignals } : {}),
      },
    });
  }
  return out;
}

/** A scope holding at least this share of a tenant's groups measures the tenant's movement itself. */
export const MOVEMENT_MEASURE_SHARE = 0.5;

interface MovementRow { groups: number; median_message_ratio: number | null; median_active_ratio: number | null }

/**
 * The movement of each tenant of the scope: when most groups of a tenant dip together, that is the
 * calendar, not the group. A scope holding most of the tenant's groups (the daily judgement, a full
 * run) measures it over every group as of the scope's instant (the others from their stored
 * series) and keeps it; a live refresh of a few touched groups reads the latest kept one, so its
 * cost does not grow with the tenant's size.
 */
async function readTenantMovements(wh: Warehouse, scope: Scope, scoped: GroupHealthInputs[]): Promise<Map<string, TenantMovement>> {
  const out = new Map<string, TenantMovement>();
  const day = dayKey(scope.asOf, scope.timeZone);
  for (const tenantId of new Set(scope.groups.map((g) => g.tenantId))) {
    const mine = scoped.filter((s) => s.info.tenantId === tenantId);
    const [count] = await wh.query<{ n: number }>('SELECT uniqExact(platform, group_id) AS n FROM group_registry WHERE tenant_id = {t:String}', { t: tenantId });
    if (mine.length < MOVEMENT_MEASURE_SHARE * Number(count?.n ?? 0)) {
      const [kept] = await wh.query<MovementRow>(
        `SELECT groups, median_message_ratio, median_active_ratio FROM tenant_movement_daily FINAL
         WHERE tenant_id = {t:String} AND day <= {day:Date} AND day >= {day:Date} - 2 ORDER BY day DESC LIMIT 1`, { t: tenantId, day });
      if (kept) {
        out.set(tenantId, { groups: Number(kept.groups), medianMessageRatio: kept.median_message_ratio, medianActiveRatio: kept.median_active_ratio });
        continue;
      }
    }
    const movement = await measureTenantMovement(wh, scope, tenantId, mine);
    await wh.insert('tenant_movement_daily', [{
      tenant_id: tenantId, day, groups: movement.groups,
      median_message_ratio: movement.medianMessageRatio, median_active_ratio: movement.medianActiveRatio,
    }]);
    out.set(tenantId, movement);
  }
  return out;
}

/** The tenant's movement over every one of its groups: those in scope from their inputs, the others from their stored series. */
async function measureTenantMovement(wh: Warehouse, scope: Scope, tenantId: string, mine: GroupHealthInputs[]): Promise<TenantMovement> {
  const inScope = new Set(mine.map((s) => groupKey(s.info)));
  const others = (await listGroups(wh, tenantId)).filter((g) => !inScope.has(groupKey(g)));
  const inputs: TenantGroupInput[] = mine.map((s) => s.input);
  if (others.length) {
    const sub: Scope = { ...scope, groups: others };
    const [info, series, kept, calendars] = await Promise.all([
      readGroupInfo(wh, sub), wh.query<DayRow>(SERIES, scopeParams(sub)), wh.query<LastRow>(KEPT_LAST_HUMAN, scopeParams(sub)),
      readTenantCalendars(wh, [tenantId]),
    ]);
    const calendar = calendars.get(tenantId)!;
    const days = seriesByGroup(series);
    const last = new Map(kept.map((r) => [lastKey(r), Number(r.last_at)]));
    for (const [key, g] of info) {
      inputs.push({ asOf: scope.asOf, createdAt: g.createdAt, lastHumanMessageAt: last.get(key) ?? null, days: days.get(key) ?? [], timeZone: scope.timeZone ?? 'UTC', calendar });
    }
  }
  return tenantMovement(inputs);
}

function seriesByGroup(series: DayRow[]): Map<string, ActivityDay[]> {
  const days = new Map<string, ActivityDay[]>();
  for (const r of series) {
    const k = groupKey({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id });
    const list = days.get(k) ?? [];
    list.push(toDay(r));
    days.set(k, list);
  }
  return days;
}

/** Judges every group of the scope from what the warehouse holds as of the scope's instant. */
export async function computeHealth(wh: Warehouse, scope: Scope): Promise<GroupHealth[]> {
  const inputs = await readHealthInputs(wh, scope);
  const movements = await readTenantMovements(wh, scope, inputs);
  return inputs.map(({ info, input }) => ({
    ...info, ...assessGroup({ ...input, tenantMovement: movements.get(info.tenantId)! }), day: dayKey(scope.asOf, scope.timeZone),
    silentDays: Math.max(0, Math.floor((scope.asOf - (input.lastHumanMessageAt ?? info.createdAt)) / DAY_MS)),
  }));
}

export function healthRow(h: GroupHealth): Record<string, unknown> {
  return {
    tenant_id: h.tenantId, platform: h.platform, group_id: h.groupId, day: h.day, group_name: h.name, purpose: h.purpose,
    created_at: h.createdAt, status: h.status, health_score: h.healthScore, growth_score: h.growthScore,
    retention_score: h.retentionScore, activity_score: h.activityScore, structure_score: h.structureScore,
    members: h.members, active_members_7d: h.activeMembers7d, messages_7d: h.messages7d, silent_days: h.silentDays,
    reason_codes: h.reasons.map((r) => r.code), reason_details: h.reasons.map((r) => r.detail),
    reason_evidence: h.reasons.map((r) => JSON.stringify(r.evidence)),
  };
}

export async function writeHealth(wh: Warehouse, scope: Scope): Promise<GroupHealth[]> {
  const health = await computeHealth(wh, scope);
  if (health.length) await wh.insert('group_health_daily', health.map(healthRow));
  return health;
}

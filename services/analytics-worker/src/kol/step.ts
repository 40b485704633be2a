// The KOL recompute step: for every (tenant, platform) with a touched group, rebuild the graphs from
// chat_events (no state kept between runs, so restarts lose nothing), recompute the touched groups
// and the tenant-wide graph in the current view, the tenant-wide graph in the established view,
// and write today's snapshot rows. The tenant's listed staff and bots are never ranked.
import { localDay } from '@qunpulse/health';
import type { RecomputeContext, RecomputeStep } from '../context.js';
import { readTenantAccounts, unranked } from '../tenant-accounts.js';
import { analyzeTenantData, DEFAULT_KOL_CONFIG, type KolConfig, type TenantResult } from './compute.js';
import { readTenantData, type TenantPlatform } from './read.js';
import { kolRows, tenantKolRows } from './rows.js';

const DAY_MS = 86_400_000;

export const KOL_TABLES = { member: 'member_kol_daily', tenant: 'tenant_kol_daily', structure: 'group_structure_daily' } as const;

export interface KolRunStats {
  tenants: number;
  groups: number;
  members: number;
  readMs: number;
  computeMs: number;
  writeMs: number;
  results: TenantResult[];
}

export async function recomputeKol(ctx: RecomputeContext, config: KolConfig = DEFAULT_KOL_CONFIG): Promise<KolRunStats> {
  const pairs = new Map<string, TenantPlatform & { groups: Set<string> }>();
  for (const g of ctx.groups) {
    const key = `${g.tenantId}\u001f${g.platform}`;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { tenantId: g.tenantId, platform: g.platform, groups: new Set() }));
    p.groups.add(g.groupId);
  }
  const day = localDay(ctx.asOf, ctx.timeZone);
  const stats: KolRunStats = { tenants: 0, groups: 0, members: 0, readMs: 0, computeMs: 0, writeMs: 0, results: [] };

  // One read for every pair: each query scans chat_events once instead of once per tenant.
  let t = performance.now();
  const accounts = await readTenantAccounts(ctx.warehouse, [...pairs.values()].map((p) => p.tenantId));
  const all = await readTenantData(ctx.warehouse, [...pairs.values()], { from: ctx.asOf - config.windowDays * DAY_MS, asOf: ctx.asOf });
  stats.readMs += performance.now() - t;

  for (const data of all) {
    const pair = pairs.get(`${data.tenantId}\u001f${data.platform}`)!;
    t = performance.now();
    const result = analyzeTenantData(data, ctx.asOf, config, pair.groups, unranked(accounts.get(data.tenantId)));
    const rows = kolRows(result, day);
    stats.computeMs += performance.now() - t;

    t = performance.now();
    if (rows.member.length) await ctx.warehouse.insert(KOL_TABLES.member, rows.member);
    if (rows.structure.length) await ctx.warehouse.insert(KOL_TABLES.structure, rows.structure);
    if (rows.tenant.length) await ctx.warehouse.insert(KOL_TABLES.tenant, rows.tenant);
    stats.writeMs += performance.now() - t;

    stats.tenants += 1;
    stats.groups += result.groups.size;
    stats.members += rows.member.length;
    stats.results.push(result);
    ctx.log.debug({ tenant: pair.tenantId, platform: pair.platform, groups: result.groups.size, tenantMembers: rows.tenant.length,
      betweenness: result.tenant.betweennessMode }, 'kol recomputed');
  }
  if (config.established) await recomputeEstablished(ctx, config, [...pairs.values()], accounts, day, stats);
  return stats;
}

/** The tenant-wide ranking over the established horizon: no per-group graphs, a longer window and half-life. */
async function recomputeEstablished(
  ctx: RecomputeContext, config: KolConfig, pairs: TenantPlatform[], accounts: Awaited<ReturnType<typeof readTenantAccounts>>,
  day: string, stats: KolRunStats,
): Promise<void> {
  const horizon = config.established!;
  let t = performance.now();
  const all = await readTenantData(ctx.warehouse, pairs, { from: ctx.asOf - horizon.windowDays * DAY_MS, asOf: ctx.asOf });
  stats.readMs += performance.now() - t;
  for (const data of all) {
    t = performance.now();
    const result = analyzeTenantData(data, ctx.asOf, { ...config, halfLifeDays: horizon.halfLifeDays }, NO_GROUPS, unranked(accounts.get(data.tenantId)));
    const rows = tenantKolRows(result, day, 'established');
    stats.computeMs += performance.now() - t;
    t = performance.now();
    if (rows.length) await ctx.warehouse.insert(KOL_TABLES.tenant, rows);
    stats.writeMs += performance.now() - t;
  }
}

const NO_GROUPS: ReadonlySet<string> = new Set();

export function createKolStep(config: KolConfig = DEFAULT_KOL_CONFIG): RecomputeStep {
  return { name: 'kol', run: async (ctx) => { await recomputeKol(ctx, config); } };
}

export const kolStep: RecomputeStep = createKolStep();

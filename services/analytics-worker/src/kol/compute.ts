// Runs the pure graph analytics over one tenant-platform's data: the tenant-wide graph first (its
// spammers are then excluded in every group), then each requested group.
import {
  analyzeGroup, analyzeTenant, presentOnly, tenantActivity, DEFAULT_BETWEENNESS_EXACT_MAX_NODES, DEFAULT_BETWEENNESS_SAMPLES,
  KOL_HORIZONS, type AnalyzeOptions, type GroupAnalysis, type KolHorizon, type TenantAnalysis,
} from '@qunpulse/graph';
import type { TenantData } from './read.js';

export interface KolConfig {
  halfLifeDays: number;
  /** Days of history read; older interactions have decayed below the edge threshold anyway. */
  windowDays: number;
  betweennessExactMaxNodes: number;
  betweennessSamples: number;
  /**
   * The established view, tenant-wide only: who has held the community together over about a year.
   * Null leaves it out (it reads the longest history, so benchmarks of the current view skip it).
   */
  established: KolHorizon | null;
}

export const DEFAULT_KOL_CONFIG: Readonly<KolConfig> = {
  ...KOL_HORIZONS.current,
  betweennessExactMaxNodes: DEFAULT_BETWEENNESS_EXACT_MAX_NODES,
  betweennessSamples: DEFAULT_BETWEENNESS_SAMPLES,
  established: KOL_HORIZONS.established,
};

export interface TenantResult {
  tenantId: string;
  platform: string;
  tenant: TenantAnalysis;
  groups: Map<string, GroupAnalysis>;
  /** Milliseconds spent per group (graph build + metrics + structure), for benchmarks. */
  groupMs: Map<string, number>;
  tenantMs: number;
}

/**
 * `onlyGroups`: the groups to analyse besides the tenant-wide graph (all when absent, none when
 * empty). `excluded`: the tenant's own staff and bots, never ranked.
 */
export function analyzeTenantData(
  data: TenantData, asOf: number, config: Pick<KolConfig, 'halfLifeDays' | 'betweennessExactMaxNodes' | 'betweennessSamples'>,
  onlyGroups?: ReadonlySet<string>, excluded?: ReadonlySet<string>,
): TenantResult {
  const base: AnalyzeOptions = {
    asOf,
    halfLifeDays: config.halfLifeDays,
    betweenness: { exactMaxNodes: config.betweennessExactMaxNodes, samples: config.betweennessSamples },
    ...(excluded?.size ? { excluded } : {}),
  };
  // Members who left a group no longer hold it together: their ties there are dropped. Their messages
  // still count for the spam rule, so a spammer an admin removed stays flagged tenant-wide.
  const present = [...data.groups.values()].map((g) => presentOnly(g));
  const activity = tenantActivity(data.groups.values());
  const t0 = performance.now();
  const tenant = analyzeTenant({ interactions: present.flatMap((g) => g.interactions), activity }, base);
  const tenantMs = performance.now() - t0;
  const spammers = new Set(tenant.spammers.map((s) => s.memberId));
  const groupsPostedIn = new Map(activity.map((a) => [a.memberId, a.groups ?? 1]));

  const results = new Map<string, GroupAnalysis>();
  const groupMs = new Map<string, number>();
  // analyzeGroup drops departed members itself, keeping their messages in the replied share.
  for (const [groupId, input] of data.groups) {
    if (onlyGroups && !onlyGroups.has(groupId)) continue;
    const g0 = performance.now();
    const withGroups = input.activity.map((a) => ({ ...a, groups: groupsPostedIn.get(a.memberId) ?? 1 }));
    const { graph: _graph, ...analysis } = analyzeGroup({ ...input, activity: withGroups }, { ...base, spammers });
    results.set(groupId, analysis);
    groupMs.set(groupId, performance.now() - g0);
  }
  return { tenantId: data.tenantId, platform: data.platform, tenant, groups: results, groupMs, tenantMs };
}

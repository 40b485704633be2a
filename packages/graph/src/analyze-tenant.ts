import { kolMetricsOfGraph, receivedCounts, type AnalyzeOptions } from './analyze-group.js';
import { buildInteractionGraph } from './build.js';
import type { InteractionRecord, MemberActivity, MemberKol } from './types.js';

export interface TenantInput {
  /** Interactions of every group of the tenant, each with its `groupId`. */
  interactions: readonly InteractionRecord[];
  /** Per member across the tenant: messages summed over groups, `groups` = groups posted in. */
  activity: readonly MemberActivity[];
}

export interface TenantMember extends MemberKol {
  /** Groups the member posted or interacted in. */
  groups: number;
  /** Groups in which the member has at least one live interaction tie (given or received). */
  bridgeGroups: number;
  isBridge: boolean;
}

export interface TenantAnalysis {
  members: TenantMember[];
  betweennessMode: string;
  /** Bridges, highest tenant-wide betweenness first. */
  bridges: TenantMember[];
  spammers: TenantMember[];
}

/**
 * The tenant-wide member graph: one node per member across all groups (members sit in many), with
 * every group's interactions merged. A bridge is a non-spammer with live ties in at least two groups
 * who lies on shortest paths between others (betweenness > 0), i.e. connects groups' members.
 */
export function analyzeTenant(input: TenantInput, options: AnalyzeOptions): TenantAnalysis {
  const graph = buildInteractionGraph(input.interactions, input.activity.map((a) => a.memberId), options);
  const activity = new Map(input.activity.map((a) => [a.memberId, a]));
  const analysis = kolMetricsOfGraph(graph, options, activity, receivedCounts(input.interactions, options.asOf));

  const seenIn = new Map<string, Set<string>>();
  const tiedIn = new Map<string, Set<string>>();
  const note = (map: Map<string, Set<string>>, member: string, group: string) => {
    let s = map.get(member);
    if (!s) map.set(member, (s = new Set()));
    s.add(group);
  };
  for (const r of input.interactions) {
    if (r.groupId === undefined || r.at > options.asOf || r.from === r.to) continue;
    note(seenIn, r.from, r.groupId);
    note(seenIn, r.to, r.groupId);
    // Only ties that survived decay into the graph count for bridging.
    if (graph.hasDirectedEdge(r.from, r.to)) { note(tiedIn, r.from, r.groupId); note(tiedIn, r.to, r.groupId); }
  }

  const members: TenantMember[] = analysis.members.map((m) => {
    const bridgeGroups = tiedIn.get(m.memberId)?.size ?? 0;
    const groups = Math.max(activity.get(m.memberId)?.groups ?? 0, seenIn.get(m.memberId)?.size ?? 0);
    return { ...m, groups, bridgeGroups, isBridge: !m.isSpammer && bridgeGroups >= 2 && m.metrics.betweenness > 0 };
  });
  const bridges = members.filter((m) => m.isBridge)
    .sort((a, b) => b.metrics.betweenness - a.metrics.betweenness || (a.memberId < b.memberId ? -1 : 1));
  const spammers = members.filter((m) => m.isSpammer)
    .sort((a, b) => b.metrics.messages - a.metrics.messages || (a.memberId < b.memberId ? -1 : 1));
  return { members, betweennessMode: analysis.betweennessMode, bridges, spammers };
}

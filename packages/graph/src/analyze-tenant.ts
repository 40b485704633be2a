import { activityByNode, kolMetricsByNode, receivedOfBuild, type AnalyzeOptions } from './analyze-group.js';
import { buildInteractionCsr } from './build.js';
import { hasEdge } from './csr.js';
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
  const build = buildInteractionCsr(input.interactions, input.activity.map((a) => a.memberId), options);
  const graph = build.graph;
  const activity = activityByNode(graph, input.activity, build.memberNodes);
  const { analysis, nodes } = kolMetricsByNode(graph, options, activity, receivedOfBuild(input.interactions, build));
  const { seen, tied } = groupsPerNode(input.interactions, build.recordFrom, build.recordTo, (u, v) => hasEdge(graph, u, v), graph.n);

  const members: TenantMember[] = analysis.members.map((m, i) => {
    const v = nodes[i]!;
    const bridgeGroups = tied[v]!;
    const groups = Math.max(activity[v]?.groups ?? 0, seen[v]!);
    return { ...m, groups, bridgeGroups, isBridge: !m.isSpammer && bridgeGroups >= 2 && m.metrics.betweenness > 0 };
  });
  const bridges = members.filter((m) => m.isBridge)
    .sort((a, b) => b.metrics.betweenness - a.metrics.betweenness || (a.memberId < b.memberId ? -1 : 1));
  const spammers = members.filter((m) => m.isSpammer)
    .sort((a, b) => b.metrics.messages - a.metrics.messages || (a.memberId < b.memberId ? -1 : 1));
  return { members, betweennessMode: analysis.betweennessMode, bridges, spammers };
}

/**
 * Per node: the groups it took part in (`seen`), and those where it has a tie that survived decay
 * into the graph (`tied`). Groups are interned once; distinct (node, group) pairs are counted by
 * sorting the pairs by node and marking groups, so no per-record set is needed.
 */
function groupsPerNode(
  interactions: readonly InteractionRecord[], recordFrom: Int32Array, recordTo: Int32Array,
  isEdge: (u: number, v: number) => boolean, n: number,
): { seen: Int32Array; tied: Int32Array } {
  const groupIndex = new Map<string, number>();
  let lastGroup: string | undefined;
  let lastIndex = -1;
  // Pair p: node pairNode[p] took part in group pairGroup[p]; pairTied[p] when through a live tie.
  const pairNode = new Int32Array(2 * interactions.length);
  const pairGroup = new Int32Array(2 * interactions.length);
  const pairTied = new Uint8Array(2 * interactions.length);
  let pairs = 0;
  for (let i = 0; i < interactions.length; i++) {
    const groupId = interactions[i]!.groupId;
    const u = recordFrom[i]!;
    const v = recordTo[i]!;
    if (groupId === undefined || (u < 0 && v < 0)) continue;
    // Records arrive grouped by group, so the last lookup is usually the one needed.
    if (groupId !== lastGroup) {
      let g = groupIndex.get(groupId);
      if (g === undefined) { g = groupIndex.size; groupIndex.set(groupId, g); }
      lastGroup = groupId;
      lastIndex = g;
    }
    const live = u >= 0 && v >= 0 && isEdge(u, v) ? 1 : 0;
    if (u >= 0) { pairNode[pairs] = u; pairGroup[pairs] = lastIndex; pairTied[pairs++] = live; }
    if (v >= 0) { pairNode[pairs] = v; pairGroup[pairs] = lastIndex; pairTied[pairs++] = live; }
  }
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < pairs; p++) offsets[pairNode[p]! + 1]! += 1;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const next = offsets.slice(0, n);
  const byNode = new Int32Array(pairs);
  for (let p = 0; p < pairs; p++) byNode[next[pairNode[p]!]!++] = p;

  const seen = new Int32Array(n);
  const tied = new Int32Array(n);
  const seenMark = new Int32Array(groupIndex.size).fill(-1);
  const tiedMark = new Int32Array(groupIndex.size).fill(-1);
  for (let v = 0; v < n; v++) {
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const p = byNode[k]!;
      const g = pairGroup[p]!;
      if (seenMark[g] !== v) { seenMark[g] = v; seen[v]! += 1; }
      if (pairTied[p] && tiedMark[g] !== v) { tiedMark[g] = v; tied[v]! += 1; }
    }
  }
  return { seen, tied };
}

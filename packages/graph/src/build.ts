import { DirectedGraph } from 'graphology';
import type { InteractionKind, InteractionRecord } from './types.js';
import { DEFAULT_HALF_LIFE_DAYS, DEFAULT_WEIGHTS, decayFactor } from './weights.js';

export interface EdgeAttributes {
  /** Decayed, type-weighted strength of the tie (sum over its interactions). */
  weight: number;
  /** Number of interactions behind the edge. */
  count: number;
}

export type InteractionGraph = DirectedGraph<Record<string, never>, EdgeAttributes>;

export interface BuildOptions {
  /** The "now" of the computation, epoch ms; interactions after it are ignored. */
  asOf: number;
  halfLifeDays?: number;
  weights?: Partial<Record<InteractionKind, number>>;
  /**
   * Edges whose total decayed weight falls below this are dropped, so ties that ended months ago
   * stop holding the graph together (a single reaction falls below 0.1 after ~100 days at a 30-day half-life).
   */
  minEdgeWeight?: number;
}

export const DEFAULT_MIN_EDGE_WEIGHT = 0.1;

/**
 * Weighted directed interaction graph: an edge u → v accumulates every reply, mention, reaction and
 * invite from u to v, each weighted by its type and decayed by its age. `members` adds nodes for
 * members who posted but got no interaction, so structure metrics see them as isolated.
 */
export function buildInteractionGraph(
  records: Iterable<InteractionRecord>,
  members: Iterable<string>,
  options: BuildOptions,
): InteractionGraph {
  const halfLife = options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const minEdgeWeight = options.minEdgeWeight ?? DEFAULT_MIN_EDGE_WEIGHT;
  const graph: InteractionGraph = new DirectedGraph({ allowSelfLoops: false });
  for (const member of members) graph.mergeNode(member);

  const ties = new Map<string, Map<string, EdgeAttributes>>();
  for (const r of records) {
    if (r.from === r.to || r.at > options.asOf) continue;
    const w = weights[r.kind];
    if (w === undefined) throw new Error(`interaction kind must be one of reply, mention, reaction, invite, got ${String(r.kind)}`);
    let out = ties.get(r.from);
    if (!out) ties.set(r.from, (out = new Map()));
    const tie = out.get(r.to);
    const n = r.count ?? 1;
    const add = n * w * decayFactor(options.asOf - r.at, halfLife);
    if (tie) { tie.weight += add; tie.count += n; } else out.set(r.to, { weight: add, count: n });
  }
  for (const [from, out] of ties) {
    for (const [to, tie] of out) {
      if (tie.weight < minEdgeWeight) continue;
      graph.mergeNode(from);
      graph.mergeNode(to);
      graph.addDirectedEdge(from, to, tie);
    }
  }
  return graph;
}

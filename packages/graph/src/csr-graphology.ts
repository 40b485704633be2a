// Between graphology, the public graph model, and the CSR graph the kernels run on.
import { DirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { ArcBuffer, csrFromArcs, type CsrGraph } from './csr.js';

/** graphology's rule for an edge weight: the `weight` attribute when it is a number, else 1. */
function weightOf(attrs: Attributes): number {
  const w: unknown = attrs.weight;
  return typeof w === 'number' && !Number.isNaN(w) ? w : 1;
}

function countOf(attrs: Attributes): number {
  const c: unknown = attrs.count;
  return typeof c === 'number' && Number.isFinite(c) ? c : 1;
}

/**
 * The CSR form of any graphology graph, nodes in `graph.nodes()` order. An undirected edge becomes
 * two arcs; parallel edges become one with their weights summed (what weighted PageRank sees
 * anyway, and hop-distance betweenness and coreness ignore multiplicity).
 */
export function csrFromGraph(graph: AbstractGraph): CsrGraph {
  const ids = graph.nodes();
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const arcs = new ArcBuffer(graph.directedSize + 2 * graph.undirectedSize);
  graph.forEachEdge((_edge, attrs, source, target, _sa, _ta, undirected) => {
    const s = index.get(source)!;
    const t = index.get(target)!;
    const w = weightOf(attrs);
    const c = countOf(attrs);
    arcs.push(s, t, w, c);
    if (undirected && s !== t) arcs.push(t, s, w, c);
  });
  return csrFromArcs(ids, arcs, {}, index).graph;
}

export interface EdgeAttributes {
  /** Decayed, type-weighted strength of the tie (sum over its interactions). */
  weight: number;
  /** Number of interactions behind the edge. */
  count: number;
}

export type InteractionGraph = DirectedGraph<Record<string, never>, EdgeAttributes>;

/** The graphology form of a CSR graph, for callers who want the graph model (layouts, exports). */
export function csrToGraph(csr: CsrGraph): InteractionGraph {
  const graph: InteractionGraph = new DirectedGraph({ allowSelfLoops: false });
  for (const id of csr.ids) graph.addNode(id);
  for (let u = 0; u < csr.n; u++) {
    for (let e = csr.outOffsets[u]!; e < csr.outOffsets[u + 1]!; e++) {
      graph.addDirectedEdge(csr.ids[u]!, csr.ids[csr.outTargets[e]!]!, { weight: csr.outWeights[e]!, count: csr.outCounts[e]! });
    }
  }
  return graph;
}

import type { AbstractGraph } from 'graphology-types';
import type { CsrGraph } from './csr.js';
import { csrFromGraph } from './csr-graphology.js';

export interface ComponentSummary {
  nodes: number;
  /** Number of (weakly) connected pieces, isolated members included. */
  components: number;
  largest: number;
  /** largest / nodes (0 for an empty graph). */
  largestShare: number;
}

/**
 * Weakly connected pieces among the nodes not in `removed` (a mask, 1 = gone): union–find over the
 * out-edges with union by size and path halving, so it needs no undirected copy of the graph.
 */
export function componentsCsr(graph: CsrGraph, removed?: Uint8Array): ComponentSummary {
  const { n, outOffsets, outTargets } = graph;
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let v = 0; v < n; v++) parent[v] = v;
  const find = (v: number): number => {
    while (parent[v] !== v) { const p = parent[parent[v]!]!; parent[v] = p; v = p; }
    return v;
  };
  let nodes = n;
  for (let u = 0; u < n; u++) {
    if (removed?.[u]) { nodes--; continue; }
    for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e++) {
      const v = outTargets[e]!;
      if (removed?.[v]) continue;
      let a = find(u);
      let b = find(v);
      if (a === b) continue;
      if (size[a]! < size[b]!) { const t = a; a = b; b = t; }
      parent[b] = a;
      size[a]! += size[b]!;
    }
  }
  let components = 0;
  let largest = 0;
  for (let v = 0; v < n; v++) {
    if (removed?.[v] || parent[v] !== v) continue;
    components++;
    if (size[v]! > largest) largest = size[v]!;
  }
  return { nodes, components, largest, largestShare: nodes ? largest / nodes : 0 };
}

export interface DepartureResult extends ComponentSummary {
  removed: string[];
}

/**
 * What is left when `removed` leave the group: the pieces the remaining members fall into, and the
 * share of them still in one connected piece. Masks the removed members instead of copying the graph.
 */
export function simulateDepartureCsr(graph: CsrGraph, removed: readonly string[]): DepartureResult {
  const mask = new Uint8Array(graph.n);
  const gone: string[] = [];
  for (const id of removed) {
    const v = graph.index.get(id);
    if (v !== undefined && !mask[v]) { mask[v] = 1; gone.push(id); }
  }
  return { removed: gone, ...componentsCsr(graph, mask) };
}

/** Connected pieces of a graphology graph, ignoring edge direction. */
export function componentSummary(graph: AbstractGraph): ComponentSummary {
  return componentsCsr(csrFromGraph(graph));
}

/** `simulateDepartureCsr` on a graphology graph; does not modify `graph`. */
export function simulateDeparture(graph: AbstractGraph, removed: readonly string[]): DepartureResult {
  return simulateDepartureCsr(csrFromGraph(graph), removed);
}

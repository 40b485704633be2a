import type { AbstractGraph } from 'graphology-types';
import type { CsrGraph } from './csr.js';
import { csrFromGraph } from './csr-graphology.js';

/** Neighbours ignoring direction, each once, without self-loops: merges a node's out- and in-row. */
function undirectedNeighbours(graph: CsrGraph): { offsets: Int32Array; targets: Int32Array } {
  const { n, outOffsets, outTargets, inOffsets, inSources } = graph;
  const mark = new Int32Array(n).fill(-1);
  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    mark[v] = v;
    let d = 0;
    for (let e = outOffsets[v]!; e < outOffsets[v + 1]!; e++) { const u = outTargets[e]!; if (mark[u] !== v) { mark[u] = v; d++; } }
    for (let e = inOffsets[v]!; e < inOffsets[v + 1]!; e++) { const u = inSources[e]!; if (mark[u] !== v) { mark[u] = v; d++; } }
    offsets[v + 1] = offsets[v]! + d;
  }
  mark.fill(-1);
  const targets = new Int32Array(offsets[n]!);
  for (let v = 0; v < n; v++) {
    mark[v] = v;
    let k = offsets[v]!;
    for (let e = outOffsets[v]!; e < outOffsets[v + 1]!; e++) { const u = outTargets[e]!; if (mark[u] !== v) { mark[u] = v; targets[k++] = u; } }
    for (let e = inOffsets[v]!; e < inOffsets[v + 1]!; e++) { const u = inSources[e]!; if (mark[u] !== v) { mark[u] = v; targets[k++] = u; } }
  }
  return { offsets, targets };
}

/**
 * Coreness (k-core number) of every node, ignoring edge direction and weight: the largest k such
 * that the node belongs to a subgraph where everyone has at least k neighbours.
 * Batagelj–Zaversnik bucket algorithm, O(V + E).
 */
export function corenessCsr(graph: CsrGraph): Int32Array {
  const n = graph.n;
  const { offsets, targets } = undirectedNeighbours(graph);
  const degree = new Int32Array(n);
  let maxDegree = 0;
  for (let v = 0; v < n; v++) { const d = offsets[v + 1]! - offsets[v]!; degree[v] = d; if (d > maxDegree) maxDegree = d; }
  // bin[d] = start of the block of nodes with degree d in `order`
  const bin = new Int32Array(maxDegree + 2);
  for (let v = 0; v < n; v++) bin[degree[v]!]! += 1;
  let start = 0;
  for (let d = 0; d <= maxDegree; d++) { const c = bin[d]!; bin[d] = start; start += c; }
  const order = new Int32Array(n);
  const position = new Int32Array(n);
  for (let v = 0; v < n; v++) { const p = bin[degree[v]!]!++; position[v] = p; order[p] = v; }
  for (let d = maxDegree; d > 0; d--) bin[d] = bin[d - 1]!;
  bin[0] = 0;

  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    const dv = degree[v]!;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const u = targets[e]!;
      const du = degree[u]!;
      if (du > dv) {
        const pu = position[u]!;
        const pw = bin[du]!;
        const w = order[pw]!;
        if (u !== w) { position[u] = pw; order[pu] = w; position[w] = pu; order[pw] = u; }
        bin[du]! += 1;
        degree[u] = du - 1;
      }
    }
  }
  return degree;
}

/** Coreness of a graphology graph (see `corenessCsr`). */
export function coreness(graph: AbstractGraph): Map<string, number> {
  const csr = csrFromGraph(graph);
  const values = corenessCsr(csr);
  const result = new Map<string, number>();
  for (let i = 0; i < csr.n; i++) result.set(csr.ids[i]!, values[i]!);
  return result;
}

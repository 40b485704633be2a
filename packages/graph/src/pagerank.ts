import type { AbstractGraph } from 'graphology-types';
import type { CsrGraph } from './csr.js';
import { csrFromGraph } from './csr-graphology.js';

export interface PagerankOptions {
  alpha?: number;
  /** Convergence threshold per node: iteration stops once the L1 change is below n · tolerance. */
  tolerance?: number;
  maxIterations?: number;
}

/**
 * Weighted PageRank by power iteration, the semantics of graphology-metrics' PageRank: authority
 * flows along edges (replier → replied-to) in proportion to edge weight; a member with no outgoing
 * weight (dangling) spreads theirs evenly; teleport is uniform; start is uniform; iteration stops when
 * the L1 change of a step is below n · tolerance, and fails after `maxIterations`.
 * Pulls over in-rows so each step is one sequential pass over the edges.
 */
export function pagerankCsr(graph: CsrGraph, options: PagerankOptions = {}): Float64Array {
  const alpha = options.alpha ?? 0.85;
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 1000;
  const n = graph.n;
  if (n === 0) return new Float64Array(0);
  const { outOffsets, outWeights, inOffsets, inSources, inWeights } = graph;

  const outWeight = new Float64Array(n);
  let dangling = 0;
  for (let u = 0; u < n; u++) {
    let s = 0;
    for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e++) s += outWeights[e]!;
    outWeight[u] = s;
    if (s === 0) dangling++;
  }
  const danglingNodes = new Int32Array(dangling);
  for (let u = 0, k = 0; u < n; u++) if (outWeight[u] === 0) danglingNodes[k++] = u;
  // share[u] = x[u] / outWeight[u]: what each unit of u's edge weight carries this step.
  const share = new Float64Array(n);
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const p = 1 / n;

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangleSum = 0;
    for (let k = 0; k < dangling; k++) dangleSum += x[danglingNodes[k]!]!;
    const base = alpha * dangleSum * p + (1 - alpha) * p;
    for (let u = 0; u < n; u++) share[u] = outWeight[u]! > 0 ? x[u]! / outWeight[u]! : 0;
    let error = 0;
    for (let v = 0; v < n; v++) {
      let s = 0;
      for (let e = inOffsets[v]!; e < inOffsets[v + 1]!; e++) s += share[inSources[e]!]! * inWeights[e]!;
      const value = alpha * s + base;
      next[v] = value;
      error += Math.abs(value - x[v]!);
    }
    const last = x;
    x = next;
    next = last;
    if (error < n * tolerance) return x;
  }
  throw new Error(`pagerank did not converge within ${maxIterations} iterations (tolerance ${tolerance} per node)`);
}

/** Weighted PageRank (edge attribute `weight`; missing weights count 1) of a graphology graph. */
export function pagerank(graph: AbstractGraph, options: PagerankOptions = {}): Map<string, number> {
  const csr = csrFromGraph(graph);
  const values = pagerankCsr(csr, options);
  const result = new Map<string, number>();
  for (let i = 0; i < csr.n; i++) result.set(csr.ids[i]!, values[i]!);
  return result;
}

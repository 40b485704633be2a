import type { AbstractGraph } from 'graphology-types';
import type { CsrGraph } from './csr.js';
import { csrFromGraph } from './csr-graphology.js';

/** Gini coefficient of non-negative values: 0 when everyone is equal, → 1 when one holds everything. */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  sorted.forEach((x, i) => {
    if (x < 0) throw new Error(`gini: values must be ≥ 0, got ${x}`);
    total += x;
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  return total === 0 ? 0 : weighted / (n * total);
}

/**
 * The absence factor: the fewest members who together receive at least half of all interaction.
 * 1 means the group's attention hangs on one person.
 */
export function absenceFactor(received: Iterable<number>): number {
  const sorted = [...received].filter((x) => x > 0).sort((a, b) => b - a);
  const total = sorted.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i]!;
    if (sum >= total / 2) return i + 1;
  }
  return sorted.length;
}

/** Share of directed edges u → v whose reverse v → u also exists: marks u's in-neighbours, then checks its out-row. */
export function reciprocityCsr(graph: CsrGraph): number {
  const { n, m, outOffsets, outTargets, inOffsets, inSources } = graph;
  if (m === 0) return 0;
  const mark = new Int32Array(n).fill(-1);
  let mutual = 0;
  for (let u = 0; u < n; u++) {
    for (let e = inOffsets[u]!; e < inOffsets[u + 1]!; e++) mark[inSources[e]!] = u;
    for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e++) if (mark[outTargets[e]!] === u) mutual++;
  }
  return mutual / m;
}

/** Directed density: edges / (n · (n − 1)). */
export function densityCsr(graph: CsrGraph): number {
  return graph.n < 2 ? 0 : graph.m / (graph.n * (graph.n - 1));
}

/** Sum of the weights of each node's in-edges. */
export function weightedInDegreeCsr(graph: CsrGraph): Float64Array {
  const out = new Float64Array(graph.n);
  const { inOffsets, inWeights } = graph;
  for (let v = 0; v < graph.n; v++) {
    let s = 0;
    for (let e = inOffsets[v]!; e < inOffsets[v + 1]!; e++) s += inWeights[e]!;
    out[v] = s;
  }
  return out;
}

/** Reciprocity of a graphology graph (an undirected edge counts as a mutual pair). */
export function reciprocity(graph: AbstractGraph): number {
  return reciprocityCsr(csrFromGraph(graph));
}

/** Directed density of a graphology graph: edges / (n · (n − 1)). */
export function density(graph: AbstractGraph): number {
  return densityCsr(csrFromGraph(graph));
}

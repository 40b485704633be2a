import type { AbstractGraph } from 'graphology-types';
import type { CsrGraph } from './csr.js';
import { csrFromGraph } from './csr-graphology.js';
import { sampleIndices, seededRandom } from './rng.js';

export interface BetweennessOptions {
  /** Graphs with at most this many nodes get exact betweenness; larger ones are sampled. */
  exactMaxNodes?: number;
  /** Source nodes sampled when the graph is larger than `exactMaxNodes`. */
  samples?: number;
  seed?: number;
}

export const DEFAULT_BETWEENNESS_EXACT_MAX_NODES = 2000;
export const DEFAULT_BETWEENNESS_SAMPLES = 400;

export interface BetweennessValues {
  /** Per node, in node order. */
  values: Float64Array;
  /** `exact`, or `sampled:<k>` with k the number of source nodes used. */
  mode: string;
}

export interface BetweennessResult {
  values: Map<string, number>;
  /** `exact`, or `sampled:<k>` with k the number of source nodes used. */
  mode: string;
}

/**
 * Normalised betweenness on hop distances along edge direction (edge weights are interaction
 * strengths, not distances, so they are deliberately not used as path lengths). Brandes: a BFS from
 * each source counting shortest paths and recording the shortest-path successors of each node in one
 * flat array, then dependencies accumulated in reverse BFS order over those successors.
 * Above `exactMaxNodes` nodes, Brandes runs from a seeded uniform sample of sources and the sums are
 * scaled by n/k (Brandes & Pich 2007), an unbiased estimate.
 */
export function betweennessCsr(graph: CsrGraph, options: BetweennessOptions = {}): BetweennessValues {
  const exactMax = options.exactMaxNodes ?? DEFAULT_BETWEENNESS_EXACT_MAX_NODES;
  const samples = options.samples ?? DEFAULT_BETWEENNESS_SAMPLES;
  const n = graph.n;
  // Nobody can lie between two others in a graph of fewer than three members.
  if (n < 3) return { values: new Float64Array(n), mode: 'exact' };
  const exact = n <= exactMax || samples >= n;
  const sources = exact ? undefined : sampleIndices(n, samples, seededRandom(options.seed ?? 1));
  const count = sources ? sources.length : n;

  const { outOffsets, outTargets } = graph;
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  // (1 + delta[v]) / sigma[v], set once v's dependency is complete: what each path through v carries back.
  const carry = new Float64Array(n);
  const queue = new Int32Array(n);
  // Successors on shortest paths, recorded during the BFS: those of queue[i] are dag[dagStart[i] .. dagStart[i + 1]).
  const dag = new Int32Array(graph.m);
  const dagStart = new Int32Array(n + 1);
  const centrality = new Float64Array(n);

  for (let k = 0; k < count; k++) {
    const s = sources ? sources[k]! : k;
    // A source without out-edges reaches nobody: it contributes nothing.
    if (outOffsets[s] === outOffsets[s + 1]) continue;
    let head = 0;
    let tail = 0;
    let edges = 0;
    queue[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      dagStart[head] = edges;
      const v = queue[head++]!;
      const next = dist[v]! + 1;
      const paths = sigma[v]!;
      for (let e = outOffsets[v]!, end = outOffsets[v + 1]!; e < end; e++) {
        const w = outTargets[e]!;
        const d = dist[w]!;
        if (d < 0) { dist[w] = next; sigma[w] = paths; queue[tail++] = w; dag[edges++] = w; } else if (d === next) { sigma[w]! += paths; dag[edges++] = w; }
      }
    }
    dagStart[tail] = edges;
    for (let i = tail - 1; i > 0; i--) {
      const w = queue[i]!;
      let sum = 0;
      for (let j = dagStart[i]!, end = dagStart[i + 1]!; j < end; j++) sum += carry[dag[j]!]!;
      const dw = sigma[w]! * sum;
      centrality[w]! += dw;
      carry[w] = (1 + dw) / sigma[w]!;
    }
    for (let i = 0; i < tail; i++) dist[queue[i]!] = -1;
  }

  const sampleScale = exact ? 1 : n / count;
  // Divided by the number of ordered pairs of other nodes. In undirected graphs every pair is reached
  // from both ends, which the ordered-pair count already accounts for (same as NetworkX).
  const scale = sampleScale / ((n - 1) * (n - 2));
  for (let v = 0; v < n; v++) centrality[v]! *= scale;
  return { values: centrality, mode: exact ? 'exact' : `sampled:${count}` };
}

/** Betweenness of a graphology graph (see `betweennessCsr`); undirected edges count both ways. */
export function betweenness(graph: AbstractGraph, options: BetweennessOptions = {}): BetweennessResult {
  const csr = csrFromGraph(graph);
  const { values, mode } = betweennessCsr(csr, options);
  const result = new Map<string, number>();
  for (let i = 0; i < csr.n; i++) result.set(csr.ids[i]!, values[i]!);
  return { values: result, mode };
}

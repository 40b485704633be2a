import type { AbstractGraph } from 'graphology-types';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
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

export interface BetweennessResult {
  values: Map<string, number>;
  /** `exact`, or `sampled:<k>` with k the number of source nodes used. */
  mode: string;
}

interface Brandes {
  (source: number): [{ size: number; pop(): number; items: ArrayLike<number> }, number[][], Uint32Array];
  index: { nodes: string[] };
}

/**
 * Normalised betweenness on hop distances (edge weights are interaction strengths, not distances,
 * so they are deliberately not used as path lengths). Directed graphs follow edge direction.
 * Above `exactMaxNodes` nodes, Brandes runs from a seeded uniform sample of sources and the sums are
 * scaled by n/k (Brandes & Pich 2007), an unbiased estimate.
 */
export function betweenness(graph: AbstractGraph, options: BetweennessOptions = {}): BetweennessResult {
  const exactMax = options.exactMaxNodes ?? DEFAULT_BETWEENNESS_EXACT_MAX_NODES;
  const samples = options.samples ?? DEFAULT_BETWEENNESS_SAMPLES;
  const n = graph.order;
  // Nobody can lie between two others in a graph of fewer than three members (and the indexed
  // Brandes routine cannot be built on an empty one).
  if (n < 3) return { values: new Map(graph.nodes().map((node) => [node, 0])), mode: 'exact' };
  const brandes = createUnweightedIndexedBrandes(graph) as unknown as Brandes;
  const nodes = brandes.index.nodes;

  const exact = n <= exactMax || samples >= n;
  const sources = exact ? Array.from({ length: n }, (_, i) => i) : sampleIndices(n, samples, seededRandom(options.seed ?? 1));

  const delta = new Float64Array(n);
  const centrality = new Float64Array(n);
  for (const s of sources) {
    const [stack, predecessors, sigma] = brandes(s);
    delta.fill(0);
    while (stack.size !== 0) {
      const w = stack.pop();
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      for (const v of predecessors[w]!) delta[v]! += sigma[v]! * coefficient;
      if (w !== s) centrality[w]! += delta[w]!;
    }
  }

  const sampleScale = exact ? 1 : n / sources.length;
  // Divided by the number of ordered pairs of other nodes. In undirected graphs every pair is reached
  // from both ends, which the ordered-pair count already accounts for (same as NetworkX).
  const scale = sampleScale / ((n - 1) * (n - 2));
  const values = new Map<string, number>();
  for (let i = 0; i < n; i++) values.set(nodes[i]!, centrality[i]! * scale);
  return { values, mode: exact ? 'exact' : `sampled:${sources.length}` };
}

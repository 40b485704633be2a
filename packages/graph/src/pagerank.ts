import type { AbstractGraph } from 'graphology-types';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';

// The package is CommonJS (`module.exports = pagerank`) while its typings declare a default export.
const pagerankImpl = pagerankModule as unknown as typeof pagerankModule.default;

export interface PagerankOptions {
  alpha?: number;
  /** Convergence threshold per node; graphology multiplies it by the node count, so keep it small. */
  tolerance?: number;
  maxIterations?: number;
}

/** Weighted PageRank (edge attribute `weight`; missing weights count 1). Authority flows along edges: replier → replied-to. */
export function pagerank(graph: AbstractGraph, options: PagerankOptions = {}): Map<string, number> {
  const result = new Map<string, number>();
  if (graph.order === 0) return result;
  const values = pagerankImpl(graph, {
    getEdgeWeight: 'weight',
    alpha: options.alpha ?? 0.85,
    tolerance: options.tolerance ?? 1e-9,
    maxIterations: options.maxIterations ?? 1000,
  });
  for (const node of graph.nodes()) result.set(node, values[node] ?? 0);
  return result;
}

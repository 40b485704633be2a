import type { AbstractGraph } from 'graphology-types';
import { connectedComponents } from 'graphology-components';

export interface ComponentSummary {
  nodes: number;
  /** Number of (weakly) connected pieces, isolated members included. */
  components: number;
  largest: number;
  /** largest / nodes (0 for an empty graph). */
  largestShare: number;
}

/** Connected pieces of the graph, ignoring edge direction. */
export function componentSummary(graph: AbstractGraph): ComponentSummary {
  const pieces = connectedComponents(graph);
  const largest = pieces.reduce((m, c) => Math.max(m, c.length), 0);
  return { nodes: graph.order, components: pieces.length, largest, largestShare: graph.order ? largest / graph.order : 0 };
}

export interface DepartureResult extends ComponentSummary {
  removed: string[];
}

/**
 * What is left when `removed` leave the group: the pieces the remaining members fall into, and the
 * share of them still in one connected piece. Does not modify `graph`.
 */
export function simulateDeparture(graph: AbstractGraph, removed: readonly string[]): DepartureResult {
  const copy = graph.copy();
  const gone: string[] = [];
  for (const member of removed) {
    if (copy.hasNode(member)) { copy.dropNode(member); gone.push(member); }
  }
  return { removed: gone, ...componentSummary(copy) };
}

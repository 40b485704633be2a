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
 * share of them still in one connected piece. Walks the graph skipping the removed members instead
 * of copying it, so it stays cheap on large groups. Does not modify `graph`.
 */
export function simulateDeparture(graph: AbstractGraph, removed: readonly string[]): DepartureResult {
  const gone = new Set(removed.filter((m) => graph.hasNode(m)));
  const seen = new Set<string>(gone);
  let components = 0;
  let largest = 0;
  const stack: string[] = [];
  graph.forEachNode((start) => {
    if (seen.has(start)) return;
    components += 1;
    let size = 0;
    seen.add(start);
    stack.push(start);
    while (stack.length) {
      const node = stack.pop()!;
      size += 1;
      graph.forEachNeighbor(node, (next) => {
        if (!seen.has(next)) { seen.add(next); stack.push(next); }
      });
    }
    largest = Math.max(largest, size);
  });
  const nodes = graph.order - gone.size;
  return { removed: [...gone], nodes, components, largest, largestShare: nodes ? largest / nodes : 0 };
}

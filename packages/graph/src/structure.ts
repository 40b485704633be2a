import type { AbstractGraph } from 'graphology-types';

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

/** Share of directed edges u → v whose reverse v → u also exists. */
export function reciprocity(graph: AbstractGraph): number {
  if (graph.directedSize === 0) return 0;
  let mutual = 0;
  graph.forEachDirectedEdge((_edge, _attrs, source, target) => {
    if (graph.hasDirectedEdge(target, source)) mutual += 1;
  });
  return mutual / graph.directedSize;
}

/** Directed density: edges / (n · (n − 1)). */
export function density(graph: AbstractGraph): number {
  const n = graph.order;
  return n < 2 ? 0 : graph.size / (n * (n - 1));
}

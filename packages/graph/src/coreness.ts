import type { AbstractGraph } from 'graphology-types';

/**
 * Coreness (k-core number) of every node, ignoring edge direction and weight: the largest k such
 * that the node belongs to a subgraph where everyone has at least k neighbours.
 * Batagelj–Zaversnik bucket algorithm, O(V + E).
 */
export function coreness(graph: AbstractGraph): Map<string, number> {
  const nodes = graph.nodes();
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node, i));

  const adjacency: number[][] = nodes.map(() => []);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    seen.clear();
    graph.forEachNeighbor(nodes[i]!, (neighbor) => {
      const j = index.get(neighbor)!;
      if (j !== i && !seen.has(j)) { seen.add(j); adjacency[i]!.push(j); }
    });
  }

  const degree = adjacency.map((a) => a.length);
  const maxDegree = degree.reduce((m, d) => Math.max(m, d), 0);
  // bin[d] = start of the block of nodes with degree d in `order`
  const bin = new Array<number>(maxDegree + 1).fill(0);
  for (const d of degree) bin[d]! += 1;
  let start = 0;
  for (let d = 0; d <= maxDegree; d++) { const count = bin[d]!; bin[d] = start; start += count; }
  const order = new Array<number>(n);
  const position = new Array<number>(n);
  for (let v = 0; v < n; v++) { position[v] = bin[degree[v]!]!; order[position[v]!] = v; bin[degree[v]!]! += 1; }
  for (let d = maxDegree; d > 0; d--) bin[d] = bin[d - 1]!;
  bin[0] = 0;

  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    for (const u of adjacency[v]!) {
      if (degree[u]! > degree[v]!) {
        const du = degree[u]!;
        const pu = position[u]!;
        const pw = bin[du]!;
        const w = order[pw]!;
        if (u !== w) { position[u] = pw; order[pu] = w; position[w] = pu; order[pw] = u; }
        bin[du]! += 1;
        degree[u] = du - 1;
      }
    }
  }
  const result = new Map<string, number>();
  for (let i = 0; i < n; i++) result.set(nodes[i]!, degree[i]!);
  return result;
}

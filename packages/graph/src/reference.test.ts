// PageRank, betweenness and coreness checked against values computed here independently: PageRank
// by plain power iteration on a dense matrix, betweenness straight from its definition (pairwise
// shortest-path counts, no Brandes accumulation), coreness by naive peeling — and against the
// published NetworkX values for the karate club.
import { describe, expect, it } from 'vitest';
import Graph, { DirectedGraph, UndirectedGraph } from 'graphology';
import karateClub from 'graphology-generators/social/karate-club.js';
import { betweenness } from './betweenness.js';
import { coreness } from './coreness.js';
import { pagerank } from './pagerank.js';
import { seededRandom } from './rng.js';

type Edge = [string, string, number];

/** The default tolerance (1e-9 per node) is enough for ranks; comparing 9 digits needs a tighter stop. */
const tight = { tolerance: 1e-13 };

function referencePagerank(nodes: string[], edges: Edge[], directed: boolean, alpha = 0.85): Map<string, number> {
  const n = nodes.length;
  const id = new Map(nodes.map((v, i) => [v, i]));
  const w = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [s, t, x] of edges) {
    w[id.get(s)!]![id.get(t)!]! += x;
    if (!directed) w[id.get(t)!]![id.get(s)!]! += x;
  }
  const out = w.map((row) => row.reduce((a, b) => a + b, 0));
  let p = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 10_000; iter++) {
    const next = new Array<number>(n).fill(0);
    let dangling = 0;
    for (let i = 0; i < n; i++) if (out[i] === 0) dangling += p[i]!;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) if (out[i]! > 0) s += p[i]! * w[i]![j]! / out[i]!;
      next[j] = (1 - alpha) / n + alpha * (s + dangling / n);
    }
    const diff = next.reduce((d, x, i) => d + Math.abs(x - p[i]!), 0);
    p = next;
    if (diff < 1e-15) break;
  }
  return new Map(nodes.map((v, i) => [v, p[i]!]));
}

function referenceBetweenness(nodes: string[], edges: Edge[], directed: boolean): Map<string, number> {
  const n = nodes.length;
  const id = new Map(nodes.map((v, i) => [v, i]));
  const adj: Set<number>[] = nodes.map(() => new Set());
  for (const [s, t] of edges) {
    adj[id.get(s)!]!.add(id.get(t)!);
    if (!directed) adj[id.get(t)!]!.add(id.get(s)!);
  }
  // dist[s][t] and count[s][t] of shortest paths by BFS layers from every source
  const dist: number[][] = [];
  const count: number[][] = [];
  for (let s = 0; s < n; s++) {
    const d = new Array<number>(n).fill(Infinity);
    const c = new Array<number>(n).fill(0);
    d[s] = 0; c[s] = 1;
    let frontier = [s];
    while (frontier.length) {
      const next: number[] = [];
      for (const u of frontier) for (const v of adj[u]!) {
        if (d[v] === Infinity) { d[v] = d[u]! + 1; next.push(v); }
        if (d[v] === d[u]! + 1) c[v]! += c[u]!;
      }
      frontier = next;
    }
    dist.push(d); count.push(c);
  }
  const result = new Map<string, number>();
  for (let v = 0; v < n; v++) {
    let b = 0;
    for (let s = 0; s < n; s++) for (let t = 0; t < n; t++) {
      if (s === t || s === v || t === v || dist[s]![t] === Infinity) continue;
      if (dist[s]![v]! + dist[v]![t]! === dist[s]![t]) b += (count[s]![v]! * count[v]![t]!) / count[s]![t]!;
    }
    result.set(nodes[v]!, b / ((n - 1) * (n - 2)));
  }
  return result;
}

function referenceCoreness(nodes: string[], edges: Edge[]): Map<string, number> {
  const adj = new Map(nodes.map((v) => [v, new Set<string>()]));
  for (const [s, t] of edges) if (s !== t) { adj.get(s)!.add(t); adj.get(t)!.add(s); }
  const core = new Map<string, number>();
  let k = 0;
  while (adj.size) {
    let min: string | undefined;
    for (const [v, ns] of adj) if (min === undefined || ns.size < adj.get(min)!.size) min = v;
    k = Math.max(k, adj.get(min!)!.size);
    core.set(min!, k);
    for (const u of adj.get(min!)!) adj.get(u)!.delete(min!);
    adj.delete(min!);
  }
  return core;
}

function randomGraph(n: number, p: number, seed: number, weighted: boolean): { nodes: string[]; edges: Edge[] } {
  const random = seededRandom(seed);
  const nodes = Array.from({ length: n }, (_, i) => `m${i}`);
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i !== j && random() < p) edges.push([nodes[i]!, nodes[j]!, weighted ? 0.5 + Math.floor(random() * 8) : 1]);
  }
  return { nodes, edges };
}

function directedGraph(nodes: string[], edges: Edge[]): DirectedGraph {
  const g = new DirectedGraph();
  for (const v of nodes) g.addNode(v);
  for (const [s, t, weight] of edges) g.addDirectedEdge(s, t, { weight });
  return g;
}

function expectClose(actual: Map<string, number>, expected: Map<string, number>, digits: number) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [k, v] of expected) expect(actual.get(k), k).toBeCloseTo(v, digits);
}

describe('PageRank against power iteration', () => {
  it('matches on a small weighted directed graph with a dangling member', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'];
    const edges: Edge[] = [['a', 'b', 3], ['b', 'c', 1], ['c', 'a', 2], ['d', 'a', 1], ['d', 'c', 5], ['a', 'e', 1]];
    expectClose(pagerank(directedGraph(nodes, edges), tight), referencePagerank(nodes, edges, true), 9);
  });

  it('matches on random weighted directed graphs', () => {
    for (const seed of [1, 2, 3]) {
      const { nodes, edges } = randomGraph(60, 0.06, seed, true);
      expectClose(pagerank(directedGraph(nodes, edges), tight), referencePagerank(nodes, edges, true), 9);
    }
  });
});

describe('betweenness against the definition', () => {
  it('matches on a small directed graph (path a → b → c plus a shortcut pair)', () => {
    const nodes = ['a', 'b', 'c', 'd'];
    const edges: Edge[] = [['a', 'b', 1], ['b', 'c', 1], ['a', 'd', 1], ['d', 'c', 1], ['c', 'a', 1]];
    const got = betweenness(directedGraph(nodes, edges));
    expect(got.mode).toBe('exact');
    expectClose(got.values, referenceBetweenness(nodes, edges, true), 12);
  });

  it('ignores edge weights (they are strengths, not distances) and matches on random directed graphs', () => {
    for (const seed of [4, 5]) {
      const { nodes, edges } = randomGraph(50, 0.05, seed, true);
      expectClose(betweenness(directedGraph(nodes, edges)).values, referenceBetweenness(nodes, edges, true), 12);
    }
  });

  it('estimates from sampled sources above the exact threshold and says so', () => {
    const { nodes, edges } = randomGraph(300, 0.02, 9, false);
    const exact = referenceBetweenness(nodes, edges, true);
    const sampled = betweenness(directedGraph(nodes, edges), { exactMaxNodes: 100, samples: 150, seed: 7 });
    expect(sampled.mode).toBe('sampled:150');
    const top = [...exact].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n]) => n);
    const sampledTop = new Set([...sampled.values].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([n]) => n));
    expect(top.filter((n) => sampledTop.has(n)).length).toBeGreaterThanOrEqual(8);
    const totalExact = [...exact.values()].reduce((a, b) => a + b, 0);
    const totalSampled = [...sampled.values.values()].reduce((a, b) => a + b, 0);
    expect(Math.abs(totalSampled - totalExact) / totalExact).toBeLessThan(0.15);
  });
});

describe('coreness against naive peeling', () => {
  it('matches on random graphs', () => {
    for (const seed of [11, 12, 13]) {
      const { nodes, edges } = randomGraph(120, 0.04, seed, false);
      expect(coreness(directedGraph(nodes, edges))).toEqual(referenceCoreness(nodes, edges));
    }
  });
});

describe('karate club against NetworkX', () => {
  const mixed = (karateClub as unknown as (g: typeof Graph) => Graph)(Graph);
  const g = new UndirectedGraph();
  mixed.forEachNode((n) => g.addNode(n));
  mixed.forEachEdge((_e, _a, s, t) => { g.mergeEdge(s, t); });
  const nodes = g.nodes();
  const edges: Edge[] = g.mapEdges((_e, _a, s, t) => [s, t, 1] as Edge);

  it('PageRank (alpha 0.85) equals power iteration and the published values', () => {
    const pr = pagerank(g, tight);
    expectClose(pr, referencePagerank(nodes, edges, false), 9);
    // networkx.pagerank(networkx.karate_club_graph(), alpha=0.85), which stops at tol=1e-6
    expect(pr.get('33')).toBeCloseTo(0.1009179167487121, 4);
    expect(pr.get('0')).toBeCloseTo(0.09700181758983709, 4);
  });

  it('betweenness equals the definition and the published values', () => {
    const bc = betweenness(g).values;
    expectClose(bc, referenceBetweenness(nodes, edges, false), 12);
    // networkx.betweenness_centrality(networkx.karate_club_graph())
    expect(bc.get('0')).toBeCloseTo(0.43763528138528146, 9);
    expect(bc.get('33')).toBeCloseTo(0.30407497594997596, 9);
  });

  it('coreness equals naive peeling, max core 4', () => {
    const core = coreness(g);
    expect(core).toEqual(referenceCoreness(nodes, edges));
    expect(Math.max(...core.values())).toBe(4);
    expect(core.get('11')).toBe(1);
  });
});

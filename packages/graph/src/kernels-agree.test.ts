// The typed-array kernels against the graphology-based implementations they replaced, on seeded
// random graphs (uniform and heavy-tailed, weighted, with isolated members and mutual ties): the
// same build, PageRank, betweenness (exact and sampled), coreness, in-degree, components, departure
// simulation and reciprocity.
import { describe, expect, it } from 'vitest';
import { DirectedGraph, UndirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import { connectedComponents } from 'graphology-components';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
import { analyzeGroup, presentOnly } from './analyze-group.js';
import { betweennessCsr } from './betweenness.js';
import { buildInteractionCsr } from './build.js';
import { componentsCsr, simulateDepartureCsr } from './components.js';
import { corenessCsr } from './coreness.js';
import { csrFromGraph, csrToGraph } from './csr-graphology.js';
import { pagerankCsr } from './pagerank.js';
import { sampleIndices, seededRandom } from './rng.js';
import { reciprocityCsr, weightedInDegreeCsr } from './structure.js';
import type { InteractionKind, InteractionRecord } from './types.js';
import { DEFAULT_WEIGHTS, decayFactor } from './weights.js';

const legacyPagerank = pagerankModule as unknown as typeof pagerankModule.default;

// ---- the previous implementations, as they were ----

function legacyBuild(records: InteractionRecord[], members: string[], asOf: number, minEdgeWeight = 0.1): DirectedGraph {
  const graph = new DirectedGraph({ allowSelfLoops: false });
  for (const member of members) graph.mergeNode(member);
  const ties = new Map<string, Map<string, { weight: number; count: number }>>();
  for (const r of records) {
    if (r.from === r.to || r.at > asOf) continue;
    let out = ties.get(r.from);
    if (!out) ties.set(r.from, (out = new Map()));
    const tie = out.get(r.to);
    const n = r.count ?? 1;
    const add = n * DEFAULT_WEIGHTS[r.kind] * decayFactor(asOf - r.at, 30);
    if (tie) { tie.weight += add; tie.count += n; } else out.set(r.to, { weight: add, count: n });
  }
  for (const [from, out] of ties) for (const [to, tie] of out) {
    if (tie.weight < minEdgeWeight) continue;
    graph.mergeNode(from);
    graph.mergeNode(to);
    graph.addDirectedEdge(from, to, tie);
  }
  return graph;
}

interface Brandes {
  (source: number): [{ size: number; pop(): number }, number[][], Uint32Array];
  index: { nodes: string[] };
}

function legacyBetweenness(graph: AbstractGraph, sources: number[] | undefined): Map<string, number> {
  const n = graph.order;
  const brandes = createUnweightedIndexedBrandes(graph) as unknown as Brandes;
  const delta = new Float64Array(n);
  const centrality = new Float64Array(n);
  for (const s of sources ?? Array.from({ length: n }, (_, i) => i)) {
    const [stack, predecessors, sigma] = brandes(s);
    delta.fill(0);
    while (stack.size !== 0) {
      const w = stack.pop();
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      for (const v of predecessors[w]!) delta[v]! += sigma[v]! * coefficient;
      if (w !== s) centrality[w]! += delta[w]!;
    }
  }
  const scale = (sources ? n / sources.length : 1) / ((n - 1) * (n - 2));
  return new Map(brandes.index.nodes.map((node, i) => [node, centrality[i]! * scale]));
}

function legacyCoreness(graph: AbstractGraph): Map<string, number> {
  const nodes = graph.nodes();
  const index = new Map(nodes.map((node, i) => [node, i]));
  const adjacency = nodes.map((node, i) => [...new Set(graph.neighbors(node).map((x) => index.get(x)!))].filter((j) => j !== i));
  const degree = adjacency.map((a) => a.length);
  const maxDegree = Math.max(0, ...degree);
  const bin = new Array<number>(maxDegree + 1).fill(0);
  for (const d of degree) bin[d]! += 1;
  let start = 0;
  for (let d = 0; d <= maxDegree; d++) { const c = bin[d]!; bin[d] = start; start += c; }
  const order = new Array<number>(nodes.length);
  const position = new Array<number>(nodes.length);
  for (let v = 0; v < nodes.length; v++) { position[v] = bin[degree[v]!]!; order[position[v]!] = v; bin[degree[v]!]! += 1; }
  for (let d = maxDegree; d > 0; d--) bin[d] = bin[d - 1]!;
  bin[0] = 0;
  for (let i = 0; i < nodes.length; i++) {
    const v = order[i]!;
    for (const u of adjacency[v]!) {
      if (degree[u]! <= degree[v]!) continue;
      const du = degree[u]!, pu = position[u]!, pw = bin[du]!, w = order[pw]!;
      if (u !== w) { position[u] = pw; order[pu] = w; position[w] = pu; order[pw] = u; }
      bin[du]! += 1;
      degree[u] = du - 1;
    }
  }
  return new Map(nodes.map((node, i) => [node, degree[i]!]));
}

function legacyDeparture(graph: AbstractGraph, removed: string[]): { components: number; largest: number } {
  const seen = new Set(removed);
  let components = 0;
  let largest = 0;
  graph.forEachNode((start) => {
    if (seen.has(start)) return;
    components += 1;
    let size = 0;
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const node = stack.pop()!;
      size += 1;
      graph.forEachNeighbor(node, (next) => { if (!seen.has(next)) { seen.add(next); stack.push(next); } });
    }
    largest = Math.max(largest, size);
  });
  return { components, largest };
}

// ---- seeded random inputs ----

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const KINDS: InteractionKind[] = ['reply', 'mention', 'invite', 'reaction'];

/** Interaction records among `n` members: endpoints drawn uniformly or Zipf-like, ages up to 200 days. */
function randomRecords(n: number, count: number, seed: number, heavyTailed: boolean): { members: string[]; records: InteractionRecord[] } {
  const random = seededRandom(seed);
  const pick = () => (heavyTailed ? Math.min(n - 1, Math.floor(1 / Math.pow(random() + 1e-9, 0.9)) - 1) : Math.floor(random() * n));
  const members = Array.from({ length: n }, (_, i) => `m${i}`);
  const records: InteractionRecord[] = [];
  for (let i = 0; i < count; i++) {
    const from = pick();
    const to = random() < 0.1 ? Math.floor(random() * (n + 5)) : pick(); // a few targets outside the member list
    records.push({
      kind: KINDS[Math.floor(random() * KINDS.length)]!,
      from: members[from]!, to: to < n ? members[to]! : `outsider${to - n}`,
      at: NOW - Math.floor(random() * 200 * DAY) + (random() < 0.02 ? 2 * DAY : 0),
      ...(random() < 0.2 ? { count: 1 + Math.floor(random() * 4) } : {}),
    });
    if (random() < 0.3) records.push({ ...records[records.length - 1]!, from: records[records.length - 1]!.to, to: records[records.length - 1]!.from });
  }
  // members who only post: isolated nodes
  return { members: [...members, 'quiet1', 'quiet2'], records };
}

const cases = [
  { n: 40, count: 150, seed: 1, heavyTailed: false },
  { n: 120, count: 600, seed: 2, heavyTailed: true },
  { n: 250, count: 900, seed: 3, heavyTailed: true },
  { n: 300, count: 700, seed: 4, heavyTailed: false },
];

function expectMapsClose(actual: Map<string, number>, expected: Map<string, number>, digits: number) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [k, v] of expected) expect(actual.get(k), k).toBeCloseTo(v, digits);
}

const byId = (ids: readonly string[], values: ArrayLike<number>) => new Map(ids.map((id, i) => [id, values[i]!]));

describe.each(cases)('new kernels agree with the graphology ones (n=$n, seed=$seed, heavy-tailed $heavyTailed)', ({ n, count, seed, heavyTailed }) => {
  const { members, records } = randomRecords(n, count, seed, heavyTailed);
  const legacy = legacyBuild(records, members, NOW);
  const csr = csrFromGraph(legacy);

  it('builds the same graph from the records', () => {
    const built = buildInteractionCsr(records, members, { asOf: NOW }).graph;
    const graph = csrToGraph(built);
    expect(graph.order).toBe(legacy.order);
    expect(graph.size).toBe(legacy.size);
    expect(graph.nodes().sort()).toEqual(legacy.nodes().sort());
    legacy.forEachEdge((_e, attrs, s, t) => {
      const got = graph.getDirectedEdgeAttributes(s, t);
      expect(got.count).toBe(attrs.count);
      expect(got.weight).toBeCloseTo(attrs.weight as number, 12);
    });
  });

  it('PageRank', () => {
    const old = legacyPagerank(legacy, { getEdgeWeight: 'weight', alpha: 0.85, tolerance: 1e-9, maxIterations: 1000 });
    expectMapsClose(byId(csr.ids, pagerankCsr(csr)), new Map(Object.entries(old)), 8);
  });

  it('betweenness, exact and sampled from the same seeded sources', () => {
    expectMapsClose(byId(csr.ids, betweennessCsr(csr).values), legacyBetweenness(legacy, undefined), 12);
    const sampled = betweennessCsr(csr, { exactMaxNodes: 10, samples: 25, seed: 5 });
    expect(sampled.mode).toBe('sampled:25');
    expectMapsClose(byId(csr.ids, sampled.values), legacyBetweenness(legacy, sampleIndices(csr.n, 25, seededRandom(5))), 12);
  });

  it('coreness, weighted in-degree and reciprocity', () => {
    expect(byId(csr.ids, corenessCsr(csr))).toEqual(legacyCoreness(legacy));
    const inWeight = new Map(legacy.mapNodes((node) => [node, legacy.reduceInEdges(node, (s, _e, a) => s + (a.weight as number), 0)] as [string, number]));
    expectMapsClose(byId(csr.ids, weightedInDegreeCsr(csr)), inWeight, 12);
    let mutual = 0;
    legacy.forEachDirectedEdge((_e, _a, s, t) => { if (legacy.hasDirectedEdge(t, s)) mutual += 1; });
    expect(reciprocityCsr(csr)).toBeCloseTo(legacy.size ? mutual / legacy.size : 0, 12);
  });

  it('components and the departure of the most central members', () => {
    const pieces = connectedComponents(legacy);
    expect(componentsCsr(csr)).toMatchObject({ nodes: legacy.order, components: pieces.length, largest: Math.max(...pieces.map((p) => p.length)) });
    const pr = pagerankCsr(csr);
    const top = [...csr.ids].sort((a, b) => pr[csr.index.get(b)!]! - pr[csr.index.get(a)!]!).slice(0, 3);
    expect(simulateDepartureCsr(csr, [...top, 'nobody'])).toMatchObject({ removed: top, nodes: legacy.order - 3, ...legacyDeparture(legacy, top) });
  });
});

describe('undirected graphs', () => {
  it('PageRank, betweenness and coreness agree on a random undirected weighted graph', () => {
    const random = seededRandom(77);
    const g = new UndirectedGraph();
    for (let i = 0; i < 80; i++) g.addNode(`v${i}`);
    for (let k = 0; k < 240; k++) {
      const a = Math.floor(random() * 80), b = Math.floor(random() * 80);
      if (a !== b) g.mergeEdge(`v${a}`, `v${b}`, { weight: 1 + Math.floor(random() * 5) });
    }
    const csr = csrFromGraph(g);
    expectMapsClose(byId(csr.ids, pagerankCsr(csr)), new Map(Object.entries(legacyPagerank(g, { getEdgeWeight: 'weight', tolerance: 1e-9, maxIterations: 1000 }))), 8);
    expectMapsClose(byId(csr.ids, betweennessCsr(csr).values), legacyBetweenness(g, undefined), 12);
    expect(byId(csr.ids, corenessCsr(csr))).toEqual(legacyCoreness(g));
  });
});

describe('members who left', () => {
  it('leaving them out while building gives what filtering their records first (presentOnly) gives', () => {
    const { members, records } = randomRecords(150, 700, 21, true);
    const activity = members.map((memberId, i) => ({ memberId, messages: (i * 7) % 23, adMessages: i % 17 === 0 ? 20 : 0 }));
    const group = { interactions: records, activity, repliedMessages: 40, departed: ['m0', 'm3', 'm5', 'not-a-member'] };
    const direct = analyzeGroup(group, { asOf: NOW });
    const filtered = analyzeGroup(presentOnly(group), { asOf: NOW });
    expect(direct.members.map((m) => m.memberId)).not.toContain('m0');
    expect(direct.graph.ids).not.toContain('not-a-member');
    expect(direct.members).toEqual(filtered.members);
    // the replied share still counts the departed members' messages, so only it may differ
    expect({ ...direct.structure, repliedShare: 0 }).toEqual({ ...filtered.structure, repliedShare: 0 });
    expect(direct.graph.m).toBe(filtered.graph.m);
  });
});

// Zachary's karate club (1977): the instructor (node 0) and the administrator (node 33) hold the
// club together; when both leave, the rest falls into three pieces.
import { describe, expect, it } from 'vitest';
import Graph, { UndirectedGraph } from 'graphology';
import karateClub from 'graphology-generators/social/karate-club.js';
import { kolMetricsOfGraph, topKols } from './analyze-group.js';
import { simulateDeparture } from './components.js';

function karateUndirected(): UndirectedGraph {
  // The generator returns a mixed graph whose 78 ties are stored as directed edges; the club's ties are mutual.
  const mixed = (karateClub as unknown as (g: typeof Graph) => Graph)(Graph);
  const g = new UndirectedGraph();
  mixed.forEachNode((n) => g.addNode(n));
  mixed.forEachEdge((_e, _a, s, t) => { g.mergeEdge(s, t); });
  return g;
}

const top2 = (values: Map<string, number>) =>
  [...values].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([n]) => n).sort();

describe('karate club', () => {
  const graph = karateUndirected();
  const analysis = kolMetricsOfGraph(graph);
  const by = (key: 'pagerank' | 'betweenness') => new Map(analysis.members.map((m) => [m.memberId, m.metrics[key]]));

  it('is the published graph: 34 members, 78 ties', () => {
    expect(graph.order).toBe(34);
    expect(graph.size).toBe(78);
  });

  it('ranks the instructor and the administrator top by PageRank, betweenness and the composite score', () => {
    expect(top2(by('pagerank'))).toEqual(['0', '33']);
    expect(top2(by('betweenness'))).toEqual(['0', '33']);
    expect(topKols(analysis.members, 2).map((m) => m.memberId).sort()).toEqual(['0', '33']);
    expect(analysis.betweennessMode).toBe('exact');
  });

  it('splits into three pieces, the largest holding 26 of the 32 remaining, when both leave', () => {
    const removed = topKols(analysis.members, 2).map((m) => m.memberId);
    const after = simulateDeparture(graph, removed);
    expect(after.nodes).toBe(32);
    expect(after.components).toBe(3);
    expect(after.largest).toBe(26);
    expect(after.largestShare).toBeCloseTo(26 / 32, 12);
    // the original is untouched
    expect(graph.order).toBe(34);
  });
});

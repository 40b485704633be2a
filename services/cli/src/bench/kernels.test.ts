// The kernel benchmark on a small graph: every kernel timed, the whole KOL step, and a clear statement
// when python-igraph is missing instead of ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInteractionCsr } from '@qunpulse/graph';
import { heavyTailedGroup } from './kernel-graphs.js';
import { benchKernels, renderKernelBench } from './kernels.js';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'kernel-bench-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('heavy-tailed benchmark graphs', () => {
  it('have exactly the requested members and distinct edges, attention concentrated on a few', () => {
    const asOf = Date.UTC(2026, 5, 1);
    const g = heavyTailedGroup(300, 3000, 7, asOf);
    const graph = buildInteractionCsr(g.records, g.activity.map((a) => a.memberId), { asOf }).graph;
    expect(graph.n).toBe(300);
    expect(graph.m).toBe(3000);
    const inDegree = Array.from({ length: graph.n }, (_, v) => graph.inOffsets[v + 1]! - graph.inOffsets[v]!).sort((a, b) => b - a);
    // the top 5% of members receive far more than 5% of the edges
    expect(inDegree.slice(0, 15).reduce((s, d) => s + d, 0)).toBeGreaterThan(0.25 * graph.m);
  });

  it('reject sizes they cannot honour, naming the field', () => {
    expect(() => heavyTailedGroup(2, 1, 1, 0)).toThrow(/members must be a whole number ≥ 3, got 2/);
    expect(() => heavyTailedGroup(20, 500, 1, 0)).toThrow(/edges must be a whole number between 1 and .*got 500/);
  });
});

describe('benchKernels', () => {
  it('times every kernel and the KOL step, and says plainly when igraph is missing', async () => {
    const r = await benchKernels({ sizes: [{ members: 80, edges: 600 }], runs: 1, pythons: ['/nonexistent/python3'], workDir });
    expect(r.igraph).toEqual({ missing: expect.stringMatching(/python3-igraph is not installed .*\/nonexistent\/python3.*apt-get install -y python3-igraph/) });
    const [size] = r.sizes;
    expect(size).toMatchObject({ members: 80, edges: 600, nodes: 80, graphEdges: 600, kolStepBetweenness: 'exact' });
    expect(size!.rows.map((row) => row.kernel)).toEqual([
      'build from interaction records', 'build from integer arcs', 'PageRank', 'coreness', 'weighted in-degree', 'components', 'departure of the top 3', 'reciprocity',
      'betweenness, exact', 'betweenness, sampled (400 sources)',
    ]);
    for (const row of size!.rows) {
      expect(row.ms).toBeGreaterThan(0);
      expect(row.igraphMs).toBeNull();
    }
    const table = renderKernelBench(r);
    expect(table).toContain('NO IGRAPH — python3-igraph is not installed');
    expect(table).toMatch(/\| whole KOL step \(analyzeGroup\) \| [\d.]+ \(betweenness exact\) \|/);
  });

  it('rejects a run count below one', async () => {
    await expect(benchKernels({ sizes: [], runs: 0, workDir })).rejects.toThrow(/runs must be a whole number ≥ 1, got 0/);
  });
});

// The KOL graph kernels on heavy-tailed directed graphs of growing size, each timed (median of runs)
// beside python-igraph on the same edge list in the same run, plus the whole KOL step per size.
// igraph's runs are interleaved with ours, kernel by kernel, so both see the same machine load.
import os from 'node:os';
import {
  analyzeGroup, ArcBuffer, betweennessCsr, buildInteractionCsr, componentsCsr, corenessCsr, csrFromArcs, pagerankCsr, reciprocityCsr,
  simulateDepartureCsr, weightedInDegreeCsr, DEFAULT_BETWEENNESS_SAMPLES, type CsrGraph,
} from '@qunpulse/graph';
import { findIgraph, IgraphSession, PYTHON_CANDIDATES, type IgraphKernel, type Timing } from './igraph.js';
import { heavyTailedGroup } from './kernel-graphs.js';

export interface KernelGraphSize { members: number; edges: number }

export const KERNEL_SIZES: readonly KernelGraphSize[] = [
  { members: 500, edges: 5_000 },
  { members: 2_000, edges: 20_000 },
  { members: 5_000, edges: 50_000 },
  { members: 50_000, edges: 500_000 },
];
/** Exact betweenness is O(n · m): timed up to this many members (igraph's takes minutes beyond). */
export const EXACT_BETWEENNESS_MAX_MEMBERS = 5_000;

/** Medians of CPU time (what the table shows: it barely moves with the machine's load) and wall-clock time. */
export interface KernelRow {
  kernel: string;
  cpuMs: number;
  ms: number;
  igraphCpuMs: number | null;
  igraphMs: number | null;
  /** Which of igraph's counterparts was the faster reference, and each one's CPU ms, when it has several. */
  igraphKernel?: string;
  igraphAll?: Record<string, number>;
  /** Why there is no igraph figure, when igraph is installed but has no counterpart. */
  note?: string;
}

export interface KernelSizeResult extends KernelGraphSize {
  nodes: number;
  graphEdges: number;
  rows: KernelRow[];
  /** The whole KOL step (`analyzeGroup`: build, metrics, score, structure, departures), medians of runs. */
  kolStepCpuMs: number;
  kolStepMs: number;
  kolStepBetweenness: string;
}

export interface KernelBenchResult {
  startedAt: string;
  machine: string;
  node: string;
  loadBefore: number[];
  loadAfter: number[];
  runs: number;
  /** igraph's version, or why there are no igraph figures. */
  igraph: { version: string } | { missing: string };
  sizes: KernelSizeResult[];
}

export interface KernelBenchOptions {
  sizes?: readonly KernelGraphSize[];
  runs?: number;
  seed?: number;
  /** Python interpreters to try for igraph. */
  pythons?: readonly string[];
  workDir: string;
  say?: (line: string) => void;
}

interface Kernel {
  name: string;
  run: () => unknown;
  /** igraph's counterparts; with several (PageRank: PRPACK and ARPACK) the faster one is the reference. */
  igraph?: IgraphKernel[];
  note?: string;
  /** Too slow to spend a warm-up run on. */
  noWarmup?: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function timeOnce(fn: () => unknown): Timing {
  const cpu = cpuNow();
  const t = performance.now();
  fn();
  return { ms: performance.now() - t, cpuMs: cpuNow() - cpu };
}

const medianOf = (runs: Timing[]): Timing => ({ ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)) });

/** The graph's edges as the integer arcs igraph is given: what is left of the build without the records. */
function arcsOf(graph: CsrGraph): ArcBuffer {
  const arcs = new ArcBuffer(graph.m);
  for (let u = 0; u < graph.n; u++) {
    for (let e = graph.outOffsets[u]!; e < graph.outOffsets[u + 1]!; e++) arcs.push(u, graph.outTargets[e]!, graph.outWeights[e]!, graph.outCounts[e]!);
  }
  return arcs;
}

function topByPagerank(graph: CsrGraph, k: number): number[] {
  const pr = pagerankCsr(graph);
  return Array.from({ length: graph.n }, (_, i) => i).sort((a, b) => pr[b]! - pr[a]!).slice(0, k);
}

async function benchSize(size: KernelGraphSize, seed: number, runs: number, python: string | undefined, workDir: string): Promise<KernelSizeResult> {
  const asOf = Date.UTC(2026, 5, 1);
  const input = heavyTailedGroup(size.members, size.edges, seed, asOf);
  const memberIds = input.activity.map((a) => a.memberId);
  const graph = buildInteractionCsr(input.records, memberIds, { asOf }).graph;
  const top3 = topByPagerank(graph, 3);
  const arcs = arcsOf(graph);
  const index = new Map(graph.index);
  const top3Ids = top3.map((v) => graph.ids[v]!);

  const kernels: Kernel[] = [
    { name: 'build from interaction records', run: () => buildInteractionCsr(input.records, memberIds, { asOf }), igraph: ['build'] },
    { name: 'build from integer arcs', run: () => csrFromArcs(graph.ids, arcs, {}, index), igraph: ['build'] },
    { name: 'PageRank', run: () => pagerankCsr(graph), igraph: ['pagerank', 'pagerankArpack'] },
    { name: 'coreness', run: () => corenessCsr(graph), igraph: ['coreness'] },
    { name: 'weighted in-degree', run: () => weightedInDegreeCsr(graph), igraph: ['weightedInDegree'] },
    { name: 'components', run: () => componentsCsr(graph), igraph: ['components'] },
    { name: 'departure of the top 3', run: () => simulateDepartureCsr(graph, top3Ids), igraph: ['departure'] },
    { name: 'reciprocity', run: () => reciprocityCsr(graph), igraph: ['reciprocity'] },
    ...(size.members <= EXACT_BETWEENNESS_MAX_MEMBERS
      ? [{ name: 'betweenness, exact', run: () => betweennessCsr(graph, { exactMaxNodes: Infinity }), igraph: ['betweennessExact' as const], noWarmup: true }]
      : []),
    {
      name: `betweenness, sampled (${DEFAULT_BETWEENNESS_SAMPLES} sources)`,
      run: () => betweennessCsr(graph, { exactMaxNodes: 0, samples: DEFAULT_BETWEENNESS_SAMPLES }),
      note: 'python-igraph 0.10 has no source-sampled betweenness',
    },
  ];

  const igraph = python ? await IgraphSession.open(python, graph, top3, workDir) : undefined;
  try {
    // Warm-up: the JIT settles on small graphs only after a few runs.
    for (const k of kernels) {
      if (k.noWarmup) continue;
      const until = performance.now() + 50;
      for (let i = 0; i < 20 && (i === 0 || performance.now() < until); i++) k.run();
    }
    const ours = new Map(kernels.map((k) => [k.name, [] as Timing[]]));
    const theirs = new Map(kernels.flatMap((k) => (k.igraph ?? []).map((name) => [name, [] as Timing[]] as const)));
    for (let r = 0; r < runs; r++) {
      for (const k of kernels) {
        ours.get(k.name)!.push(timeOnce(k.run));
        for (const name of igraph ? k.igraph ?? [] : []) theirs.get(name)!.push(await igraph!.time(name));
      }
    }
    const group = { interactions: input.records, activity: input.activity };
    let mode = '';
    const step: Timing[] = [];
    for (let r = 0; r < runs; r++) step.push(timeOnce(() => { mode = analyzeGroup(group, { asOf }).betweennessMode; }));
    const kolStep = medianOf(step);
    return {
      ...size, nodes: graph.n, graphEdges: graph.m, kolStepCpuMs: kolStep.cpuMs, kolStepMs: kolStep.ms, kolStepBetweenness: mode,
      rows: kernels.map((k) => {
        const mine = medianOf(ours.get(k.name)!);
        const refs = (k.igraph ?? []).flatMap((name) => (theirs.get(name)!.length ? [{ name, ...medianOf(theirs.get(name)!) }] : []));
        const ref = refs.sort((a, b) => a.cpuMs - b.cpuMs)[0];
        return {
          kernel: k.name, cpuMs: mine.cpuMs, ms: mine.ms, igraphCpuMs: ref?.cpuMs ?? null, igraphMs: ref?.ms ?? null,
          ...(ref && refs.length > 1 ? { igraphKernel: ref.name, igraphAll: Object.fromEntries(refs.map((x) => [x.name, x.cpuMs])) } : {}),
          ...(igraph && !k.igraph && k.note ? { note: k.note } : {}),
        };
      }),
    };
  } finally {
    await igraph?.close();
  }
}

export async function benchKernels(opts: KernelBenchOptions): Promise<KernelBenchResult> {
  const runs = opts.runs ?? 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a whole number ≥ 1, got ${runs}`);
  const say = opts.say ?? (() => {});
  const probe = findIgraph(opts.pythons ?? PYTHON_CANDIDATES);
  const python = 'python' in probe ? probe.python : undefined;
  say('python' in probe ? `igraph ${probe.version} via ${probe.python}` : `NO IGRAPH: ${probe.missing}; reporting our times only`);
  const cpus = os.cpus();
  const result: KernelBenchResult = {
    startedAt: new Date().toISOString(),
    machine: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`,
    node: process.version,
    loadBefore: os.loadavg(),
    loadAfter: [],
    runs,
    igraph: 'python' in probe ? { version: probe.version } : { missing: probe.missing },
    sizes: [],
  };
  for (const size of opts.sizes ?? KERNEL_SIZES) {
    say(`  ${size.members.toLocaleString('en-US')} members / ${size.edges.toLocaleString('en-US')} edges…`);
    result.sizes.push(await benchSize(size, (opts.seed ?? 1) + size.members, runs, python, opts.workDir));
  }
  result.loadAfter = os.loadavg();
  return result;
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const count = (x: number) => (x >= 1000 && x % 1000 === 0 ? `${(x / 1000).toLocaleString('en-US')}k` : x.toLocaleString('en-US'));

const IGRAPH_LABEL: Record<string, string> = { pagerank: 'PRPACK', pagerankArpack: 'ARPACK' };

/** The result as a Markdown table: one row per kernel, one column per graph size, ours vs igraph (ratio). */
export function renderKernelBench(r: KernelBenchResult): string {
  const lines = [
    `Kernel benchmark, ${r.startedAt}: ${r.machine}, Node ${r.node}; median of ${r.runs} runs, igraph's interleaved with ours; ` +
      `load average ${r.loadBefore[0]!.toFixed(1)} before, ${r.loadAfter[0]!.toFixed(1)} after. ` +
      'Figures are CPU milliseconds of the process during the run (wall-clock times are in the JSON): on a shared machine they move far less than wall time.',
    'missing' in r.igraph
      ? `Reference: NO IGRAPH — ${r.igraph.missing}. Only our times are shown.`
      : `Reference: python-igraph ${r.igraph.version} on the same edge list (its build starts from Python lists of integer pairs and weights; ours from the interaction records: string ids, decay, merging).`,
    '',
    `| kernel (CPU ms, ours vs igraph) | ${r.sizes.map((s) => `${s.members.toLocaleString('en-US')} / ${count(s.edges)}`).join(' | ')} |`,
    `|---|${r.sizes.map(() => '---').join('|')}|`,
  ];
  const names = [...new Set(r.sizes.flatMap((s) => s.rows.map((row) => row.kernel)))];
  for (const name of names) {
    const cells = r.sizes.map((s) => {
      const row = s.rows.find((x) => x.kernel === name);
      if (!row) return '—';
      if (row.igraphCpuMs === null) return `${ms(row.cpuMs)}${row.note ? ' (no igraph counterpart)' : ''}`;
      const which = row.igraphKernel ? ` ${IGRAPH_LABEL[row.igraphKernel] ?? row.igraphKernel}` : '';
      return `${ms(row.cpuMs)} vs ${ms(row.igraphCpuMs)}${which} (${(row.cpuMs / Math.max(row.igraphCpuMs, 0.001)).toFixed(2)}×)`;
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  lines.push(`| whole KOL step (analyzeGroup) | ${r.sizes.map((s) => `${ms(s.kolStepCpuMs)} (betweenness ${s.kolStepBetweenness})`).join(' | ')} |`);
  lines.push(`| graph: nodes / edges | ${r.sizes.map((s) => `${s.nodes.toLocaleString('en-US')} / ${s.graphEdges.toLocaleString('en-US')}`).join(' | ')} |`);
  const notes = [...new Set(r.sizes.flatMap((s) => s.rows.flatMap((row) => (row.note ? [`${row.kernel}: ${row.note}`] : []))))];
  if (r.sizes.some((s) => s.rows.some((row) => row.igraphAll))) notes.push("PageRank: igraph's reference is the faster of its PRPACK and ARPACK implementations, named in the cell");
  for (const note of notes) lines.push('', `- ${note}.`);
  return lines.join('\n') + '\n';
}

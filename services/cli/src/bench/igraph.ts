// A python-igraph process holding the benchmark's graph, timing one kernel run per request, so the
// kernel benchmark can interleave igraph's runs with its own on a shared machine.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CsrGraph } from '@qunpulse/graph';

export interface Timing { ms: number; cpuMs: number }

export type IgraphKernel =
  | 'build' | 'pagerank' | 'pagerankArpack' | 'betweennessExact' | 'coreness' | 'weightedInDegree' | 'components' | 'departure' | 'reciprocity';

/** Interpreters tried in order when none is given: Debian's python3-igraph lives in the system Python. */
export const PYTHON_CANDIDATES = ['python3', '/usr/bin/python3'];

const here = path.dirname(fileURLToPath(import.meta.url));
/** The script sits in the package's scripts/, two levels above both src/bench and dist/bench. */
const SCRIPT = path.resolve(here, '..', '..', 'scripts', 'igraph-kernels.py');

export type IgraphProbe = { python: string; version: string } | { missing: string };

/** The first interpreter that imports igraph, or why none did. */
export function findIgraph(candidates: readonly string[] = PYTHON_CANDIDATES): IgraphProbe {
  const tried: string[] = [];
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import igraph; print(igraph.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python, version: r.stdout.trim() };
    tried.push(`${python}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return { missing: `python3-igraph is not installed (${tried.join('; ')}); install it with \`apt-get install -y python3-igraph\`` };
}

/** The graph as the script reads it: n, m, removed count, sources, targets, weights, removed nodes. */
function graphFile(graph: CsrGraph, removed: readonly number[]): Buffer {
  const m = graph.m;
  const buf = Buffer.alloc(12 + 16 * m + 4 * removed.length);
  buf.writeInt32LE(graph.n, 0);
  buf.writeInt32LE(m, 4);
  buf.writeInt32LE(removed.length, 8);
  let at = 12;
  for (let u = 0; u < graph.n; u++) {
    for (let e = graph.outOffsets[u]!; e < graph.outOffsets[u + 1]!; e++) { buf.writeInt32LE(u, at); at += 4; }
  }
  for (let e = 0; e < m; e++) { buf.writeInt32LE(graph.outTargets[e]!, at); at += 4; }
  for (let e = 0; e < m; e++) { buf.writeDoubleLE(graph.outWeights[e]!, at); at += 8; }
  for (const v of removed) { buf.writeInt32LE(v, at); at += 4; }
  return buf;
}

const reply = z.union([z.object({ ready: z.string() }), z.object({ ms: z.number(), cpuMs: z.number() }), z.object({ error: z.string() })]);

export class IgraphSession {
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
    child.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
  }

  /** Starts the script on `graph` (written to `workDir`) and waits until igraph has loaded it. */
  static async open(python: string, graph: CsrGraph, removed: readonly number[], workDir: string): Promise<IgraphSession> {
    mkdirSync(workDir, { recursive: true });
    const file = path.join(workDir, `igraph-${process.pid}-${graph.n}.bin`);
    writeFileSync(file, graphFile(graph, removed));
    const session = new IgraphSession(spawn(python, [SCRIPT, file], { stdio: ['pipe', 'pipe', 'pipe'] }));
    const first = await session.next();
    if (!('ready' in first)) throw new Error(`igraph script did not start: ${JSON.stringify(first)}`);
    return session;
  }

  private next(): Promise<z.infer<typeof reply>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`igraph script exited with code ${code}: ${this.stderr.trim()}`));
      this.child.once('exit', onExit);
      this.waiting.push((line) => {
        this.child.off('exit', onExit);
        const parsed = reply.safeParse(JSON.parse(line));
        if (parsed.success) resolve(parsed.data);
        else reject(new Error(`igraph script answered ${line}`));
      });
    });
  }

  /** Wall-clock and CPU milliseconds of one run of `kernel` in igraph. */
  async time(kernel: IgraphKernel): Promise<Timing> {
    this.child.stdin.write(`${kernel}\n`);
    const r = await this.next();
    if ('ms' in r) return { ms: r.ms, cpuMs: r.cpuMs };
    throw new Error(`igraph ${kernel}: ${'error' in r ? r.error : JSON.stringify(r)}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) { resolve(); return; }
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}

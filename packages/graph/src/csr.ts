// The compact graph every kernel runs on: members are integer ids 0..n-1, edges live in typed arrays
// in compressed sparse row form, once by source (out-rows) and once by target (in-rows). Built once
// per recompute; no kernel touches a string-keyed map.

/** A simple weighted directed graph (no parallel edges) in CSR form. */
export interface CsrGraph {
  /** Number of members (nodes). */
  readonly n: number;
  /** Number of directed edges. */
  readonly m: number;
  /** Member id of each node. */
  readonly ids: readonly string[];
  /** Node of each member id. */
  readonly index: ReadonlyMap<string, number>;
  /** Out-edges of node u are outTargets[outOffsets[u] .. outOffsets[u + 1]), targets ascending. */
  readonly outOffsets: Int32Array;
  readonly outTargets: Int32Array;
  readonly outWeights: Float64Array;
  /** Interactions behind each out-edge. */
  readonly outCounts: Float64Array;
  /** In-edges of node v are inSources[inOffsets[v] .. inOffsets[v + 1]), sources ascending. */
  readonly inOffsets: Int32Array;
  readonly inSources: Int32Array;
  readonly inWeights: Float64Array;
}

/** Directed arcs in any order, possibly repeated; `length` of them are used. */
export interface Arcs {
  src: Int32Array;
  dst: Int32Array;
  weight: Float64Array;
  count: Float64Array;
  length: number;
}

/** Growable arc buffer (typed arrays doubled on demand). */
export class ArcBuffer implements Arcs {
  src: Int32Array;
  dst: Int32Array;
  weight: Float64Array;
  count: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.src = new Int32Array(c);
    this.dst = new Int32Array(c);
    this.weight = new Float64Array(c);
    this.count = new Float64Array(c);
  }

  push(src: number, dst: number, weight: number, count: number): void {
    if (this.length === this.src.length) this.grow();
    const i = this.length++;
    this.src[i] = src;
    this.dst[i] = dst;
    this.weight[i] = weight;
    this.count[i] = count;
  }

  private grow(): void {
    const c = this.src.length * 2;
    const src = new Int32Array(c); src.set(this.src); this.src = src;
    const dst = new Int32Array(c); dst.set(this.dst); this.dst = dst;
    const weight = new Float64Array(c); weight.set(this.weight); this.weight = weight;
    const count = new Float64Array(c); count.set(this.count); this.count = count;
  }
}

/** Stable counting sort of the positions 0..len-1 by key (0..n-1); returns row offsets and the order. */
function countingOrder(key: Int32Array, len: number, n: number, positions?: Int32Array): { offsets: Int32Array; order: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < len; i++) offsets[key[positions ? positions[i]! : i]! + 1]! += 1;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const next = offsets.slice(0, n);
  const order = new Int32Array(len);
  for (let i = 0; i < len; i++) {
    const p = positions ? positions[i]! : i;
    order[next[key[p]!]!++] = p;
  }
  return { offsets, order };
}

export interface CsrBuildOptions {
  /** Edges whose summed weight is below this are dropped (after summing parallel arcs). */
  minWeight?: number;
  /**
   * Nodes kept even without any edge: ids 0..keepNodes-1. Nodes beyond it that lose every edge to
   * `minWeight` are dropped and the rest renumbered in order. Default: keep every node.
   */
  keepNodes?: number;
}

export interface CsrBuild {
  graph: CsrGraph;
  /** New node of each node given (-1 when dropped), or undefined when no node was dropped. */
  remap?: Int32Array;
}

/**
 * Sums parallel arcs, drops light edges and sorts rows. Two stable counting sorts (by target, then
 * by source) leave parallel arcs adjacent and every out-row sorted by target: O(n + m).
 */
export function csrFromArcs(ids: readonly string[], arcs: Arcs, options: CsrBuildOptions = {}): CsrBuild {
  const minWeight = options.minWeight ?? -Infinity;
  let n = ids.length;
  const byTarget = countingOrder(arcs.dst, arcs.length, n).order;
  const { order } = countingOrder(arcs.src, arcs.length, n, byTarget);

  // Merge runs of equal (src, dst) and drop light edges, in place into compact arrays.
  const src = new Int32Array(arcs.length);
  const dst = new Int32Array(arcs.length);
  const weight = new Float64Array(arcs.length);
  const count = new Float64Array(arcs.length);
  let m = 0;
  for (let i = 0; i < order.length;) {
    const p = order[i]!;
    const s = arcs.src[p]!;
    const t = arcs.dst[p]!;
    let w = 0;
    let c = 0;
    for (; i < order.length; i++) {
      const q = order[i]!;
      if (arcs.src[q] !== s || arcs.dst[q] !== t) break;
      w += arcs.weight[q]!;
      c += arcs.count[q]!;
    }
    if (w < minWeight) continue;
    src[m] = s; dst[m] = t; weight[m] = w; count[m] = c; m++;
  }

  let remap: Int32Array | undefined;
  let finalIds = ids;
  const keep = options.keepNodes ?? n;
  if (keep < n) {
    const used = new Uint8Array(n);
    used.fill(1, 0, keep);
    for (let e = 0; e < m; e++) { used[src[e]!] = 1; used[dst[e]!] = 1; }
    remap = new Int32Array(n);
    const kept: string[] = [];
    for (let v = 0; v < n; v++) {
      if (used[v]) { remap[v] = kept.length; kept.push(ids[v]!); } else remap[v] = -1;
    }
    // Renumbering keeps the order, so rows stay sorted.
    for (let e = 0; e < m; e++) { src[e] = remap[src[e]!]!; dst[e] = remap[dst[e]!]!; }
    finalIds = kept;
    n = kept.length;
  }

  const outOffsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) outOffsets[src[e]! + 1]! += 1;
  for (let v = 0; v < n; v++) outOffsets[v + 1]! += outOffsets[v]!;
  const outTargets = dst.slice(0, m);
  const outWeights = weight.slice(0, m);
  const outCounts = count.slice(0, m);

  // In-rows by scanning out-edges in source order: every in-row comes out sorted by source.
  const { offsets: inOffsets, order: inOrder } = countingOrder(outTargets, m, n);
  const inSources = new Int32Array(m);
  const inWeights = new Float64Array(m);
  for (let i = 0; i < m; i++) { const e = inOrder[i]!; inSources[i] = src[e]!; inWeights[i] = outWeights[e]!; }

  const index = new Map<string, number>();
  for (let v = 0; v < n; v++) index.set(finalIds[v]!, v);
  const graph: CsrGraph = { n, m, ids: finalIds, index, outOffsets, outTargets, outWeights, outCounts, inOffsets, inSources, inWeights };
  return remap ? { graph, remap } : { graph };
}

/** Whether the edge u → v exists (binary search in u's sorted out-row). */
export function hasEdge(graph: CsrGraph, u: number, v: number): boolean {
  let lo = graph.outOffsets[u]!;
  let hi = graph.outOffsets[u + 1]!;
  const targets = graph.outTargets;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = targets[mid]!;
    if (t === v) return true;
    if (t < v) lo = mid + 1; else hi = mid;
  }
  return false;
}

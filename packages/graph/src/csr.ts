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
  /** Out-edges of node u are outTargets[outOffsets[u] .. outOffsets[u + 1]), targets in order of first appearance. */
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

/** Prefix sums of per-row counts (counts[v + 1] holds row v's count) into row offsets, in place. */
function prefixSum(offsets: Int32Array): void {
  for (let v = 1; v < offsets.length; v++) offsets[v]! += offsets[v - 1]!;
}

/**
 * Sums parallel arcs, drops light edges and lays out the rows in O(n + m): one counting sort by
 * source that moves the arcs, a per-row merge of repeated targets with a marker array, and a
 * counting sort by target for the in-rows (which therefore come out sorted by source).
 * `index`, when given, maps each of `ids` to its position and becomes the graph's index.
 */
export function csrFromArcs(ids: readonly string[], arcs: Arcs, options: CsrBuildOptions = {}, index?: Map<string, number>): CsrBuild {
  const minWeight = options.minWeight ?? -Infinity;
  let n = ids.length;
  const len = arcs.length;
  const { src: arcSrc, dst: arcDst, weight: arcWeight, count: arcCount } = arcs;

  let offsets = new Int32Array(n + 1);
  for (let i = 0; i < len; i++) offsets[arcSrc[i]! + 1]! += 1;
  prefixSum(offsets);
  const fill = offsets.slice(0, n);
  const dst = new Int32Array(len);
  const weight = new Float64Array(len);
  const count = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const p = fill[arcSrc[i]!]!++;
    dst[p] = arcDst[i]!;
    weight[p] = arcWeight[i]!;
    count[p] = arcCount[i]!;
  }

  // Merge repeated targets within each row (first appearance keeps its place), then drop light edges.
  const slot = new Int32Array(n);
  const slotRow = new Int32Array(n).fill(-1);
  let m = 0;
  let readFrom = 0;
  for (let u = 0; u < n; u++) {
    const rowStart = m;
    const readTo = offsets[u + 1]!;
    for (let i = readFrom; i < readTo; i++) {
      const v = dst[i]!;
      if (slotRow[v] === u) { const at = slot[v]!; weight[at]! += weight[i]!; count[at]! += count[i]!; continue; }
      slotRow[v] = u;
      slot[v] = m;
      dst[m] = v; weight[m] = weight[i]!; count[m] = count[i]!; m++;
    }
    let kept = rowStart;
    for (let i = rowStart; i < m; i++) {
      if (weight[i]! < minWeight) continue;
      dst[kept] = dst[i]!; weight[kept] = weight[i]!; count[kept] = count[i]!; kept++;
    }
    m = kept;
    offsets[u + 1] = m;
    readFrom = readTo;
  }

  let remap: Int32Array | undefined;
  let finalIds = ids;
  const keep = options.keepNodes ?? n;
  if (keep < n) {
    const used = new Uint8Array(n);
    used.fill(1, 0, keep);
    for (let u = 0; u < n; u++) if (offsets[u + 1]! > offsets[u]!) used[u] = 1;
    for (let e = 0; e < m; e++) used[dst[e]!] = 1;
    remap = new Int32Array(n);
    const kept: string[] = [];
    for (let v = 0; v < n; v++) {
      if (used[v]) { remap[v] = kept.length; kept.push(ids[v]!); } else remap[v] = -1;
    }
    if (kept.length < n) {
      for (let e = 0; e < m; e++) dst[e] = remap[dst[e]!]!;
      // A dropped node has an empty row, so the offsets of the kept ones carry over.
      const compact = new Int32Array(kept.length + 1);
      for (let v = 0; v < n; v++) if (remap[v]! >= 0) compact[remap[v]! + 1] = offsets[v + 1]!;
      offsets = compact;
      finalIds = kept;
      n = kept.length;
    } else remap = undefined;
  }

  // Views, not copies: the arrays were sized for the arcs, merged edges take their first m slots.
  const outTargets = dst.subarray(0, m);
  const outWeights = weight.subarray(0, m);
  const outCounts = count.subarray(0, m);

  const inOffsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) inOffsets[outTargets[e]! + 1]! += 1;
  prefixSum(inOffsets);
  const inFill = inOffsets.slice(0, n);
  const inSources = new Int32Array(m);
  const inWeights = new Float64Array(m);
  for (let u = 0; u < n; u++) {
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const p = inFill[outTargets[e]!]!++;
      inSources[p] = u;
      inWeights[p] = outWeights[e]!;
    }
  }

  // The caller's index of `ids` holds as long as no node was dropped.
  let nodeIndex = remap ? undefined : index;
  if (!nodeIndex) {
    nodeIndex = new Map<string, number>();
    for (let v = 0; v < n; v++) nodeIndex.set(finalIds[v]!, v);
  }
  const graph: CsrGraph = { n, m, ids: finalIds, index: nodeIndex, outOffsets: offsets, outTargets, outWeights, outCounts, inOffsets, inSources, inWeights };
  return remap ? { graph, remap } : { graph };
}

/** Whether the edge u → v exists (binary search for u in v's in-row, which is sorted by source). */
export function hasEdge(graph: CsrGraph, u: number, v: number): boolean {
  let lo = graph.inOffsets[v]!;
  let hi = graph.inOffsets[v + 1]!;
  const sources = graph.inSources;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = sources[mid]!;
    if (s === u) return true;
    if (s < u) lo = mid + 1; else hi = mid;
  }
  return false;
}

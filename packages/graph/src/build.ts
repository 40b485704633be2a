import { ArcBuffer, csrFromArcs, type CsrGraph } from './csr.js';
import { csrToGraph, type InteractionGraph } from './csr-graphology.js';
import type { InteractionKind, InteractionRecord } from './types.js';
import { DEFAULT_HALF_LIFE_DAYS, DEFAULT_WEIGHTS, decayFactor } from './weights.js';


export interface BuildOptions {
  /** The "now" of the computation, epoch ms; interactions after it are ignored. */
  asOf: number;
  halfLifeDays?: number;
  weights?: Partial<Record<InteractionKind, number>>;
  /**
   * Edges whose total decayed weight falls below this are dropped, so ties that ended months ago
   * stop holding the graph together (a single reaction falls below 0.1 after ~100 days at a 30-day half-life).
   */
  minEdgeWeight?: number;
  /**
   * Members whose interactions are left out entirely (members who left the group). They are not
   * nodes unless also listed in `members`, where they stay without ties.
   */
  exclude?: Iterable<string>;
}

export const DEFAULT_MIN_EDGE_WEIGHT = 0.1;

export interface InteractionBuild {
  graph: CsrGraph;
  /**
   * Node of each record's `from` and `to` (in iteration order), or -1 when the record does not
   * count (self-interaction, dated after `asOf`) or the member is not in the graph. Lets later
   * passes over the records (received counts, bridges) skip string lookups.
   */
  recordFrom: Int32Array;
  recordTo: Int32Array;
  /** Node of each member given, in the order given. */
  memberNodes: Int32Array;
}

/**
 * Weighted directed interaction graph in CSR form: an edge u → v accumulates every reply, mention,
 * reaction and invite from u to v, each weighted by its type and decayed by its age. `members`
 * become nodes even without interaction, so structure metrics see them as isolated; other members
 * appear only through a surviving edge. Nodes: members in the order given, then the others in order
 * of first appearance.
 */
export function buildInteractionCsr(records: Iterable<InteractionRecord>, members: Iterable<string>, options: BuildOptions): InteractionBuild {
  const halfLife = options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const minEdgeWeight = options.minEdgeWeight ?? DEFAULT_MIN_EDGE_WEIGHT;
  const asOf = options.asOf;

  const ids: string[] = [];
  const index = new Map<string, number>();
  const intern = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) { i = ids.length; index.set(id, i); ids.push(id); }
    return i;
  };
  const memberList = Array.isArray(members) ? (members as readonly string[]) : [...members];
  const memberNodes = new Int32Array(memberList.length);
  for (let i = 0; i < memberList.length; i++) memberNodes[i] = intern(memberList[i]!);
  const memberCount = ids.length;
  // Excluded ids are interned after the members, outside the nodes always kept: with every record
  // touching them skipped they have no edge and the layout drops them.
  let excluded: Uint8Array | undefined;
  if (options.exclude) {
    const gone: number[] = [];
    for (const id of options.exclude) gone.push(intern(id));
    excluded = new Uint8Array(ids.length + 1);
    for (const v of gone) excluded[v] = 1;
  }

  const arcs = new ArcBuffer(Array.isArray(records) ? records.length : 1024);
  let from = new Int32Array(arcs.src.length);
  let to = new Int32Array(arcs.src.length);
  let r = 0;
  for (const rec of records) {
    if (r === from.length) {
      const f = new Int32Array(r * 2); f.set(from); from = f;
      const t = new Int32Array(r * 2); t.set(to); to = t;
    }
    if (rec.at > asOf) { from[r] = -1; to[r] = -1; r++; continue; }
    const w = weights[rec.kind];
    if (w === undefined) throw new Error(`interaction kind must be one of reply, mention, reaction, invite, got ${String(rec.kind)}`);
    // Interned first, so the self-interaction test is an integer compare; a member seen only in
    // self-interactions has no edge and is dropped like any other non-member without a tie.
    const s = intern(rec.from);
    const t = intern(rec.to);
    if (s === t || (excluded && (excluded[s] === 1 || excluded[t] === 1))) { from[r] = -1; to[r] = -1; r++; continue; }
    const n = rec.count ?? 1;
    arcs.push(s, t, n * w * decayFactor(asOf - rec.at, halfLife), n);
    from[r] = s; to[r] = t; r++;
  }

  const { graph, remap } = csrFromArcs(ids, arcs, { minWeight: minEdgeWeight, keepNodes: memberCount }, index);
  const recordFrom = from.subarray(0, r);
  const recordTo = to.subarray(0, r);
  if (remap) {
    for (let i = 0; i < r; i++) {
      if (recordFrom[i]! >= 0) recordFrom[i] = remap[recordFrom[i]!]!;
      if (recordTo[i]! >= 0) recordTo[i] = remap[recordTo[i]!]!;
    }
  }
  // Members are never dropped, and renumbering keeps the order, so members keep their nodes.
  return { graph, recordFrom, recordTo, memberNodes };
}

/** The same graph as `buildInteractionCsr`, as a graphology graph (edge attributes `weight`, `count`). */
export function buildInteractionGraph(records: Iterable<InteractionRecord>, members: Iterable<string>, options: BuildOptions): InteractionGraph {
  return csrToGraph(buildInteractionCsr(records, members, options).graph);
}

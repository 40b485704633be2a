// KOL recompute benchmark: every group of a warehouse (read → compute → write), and the pure
// computation per group on seeded synthetic groups of ~50, ~500 and ~5,000 members, stage by stage.
import {
  analyzeGroup, betweennessCsr, buildInteractionCsr, corenessCsr, pagerankCsr, seededRandom,
  type InteractionKind, type InteractionRecord, type MemberActivity,
} from '@qunpulse/graph';
import { latestEventTime, listGroups, recomputeKol, DEFAULT_KOL_CONFIG, type KolConfig } from '@qunpulse/analytics-worker';
import { silentLogger, type Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';

const DAY_MS = 86_400_000;

export interface KolSizeTiming {
  /** Requested size and what the synthetic group turned out to have. */
  targetMembers: number;
  members: number;
  edges: number;
  interactions: number;
  betweennessMode: string;
  /** Whole per-group recompute (build, metrics, score, structure, departure simulation), median of runs. */
  ms: number;
  stagesMs: { build: number; pagerank: number; betweenness: number; coreness: number };
  runs: number;
}

export interface KolWarehouseTiming {
  tenants: number;
  groups: number;
  memberRows: number;
  totalMs: number;
  readMs: number;
  computeMs: number;
  writeMs: number;
  /** Per-group compute time in the warehouse data, by member count of the group. */
  perGroup: { members: number; ms: number }[];
}

export interface KolBenchResult {
  warehouse?: KolWarehouseTiming;
  bySize: KolSizeTiming[];
}

export interface KolBenchOptions {
  /** A warehouse already holding the benchmark's events; every group is recomputed. */
  warehouse?: Warehouse;
  asOf?: number;
  sizes?: number[];
  seed?: number;
  /** Runs per synthetic size (the median is reported). */
  runs?: number;
  config?: KolConfig;
  log?: Logger;
}

/**
 * A chat group of `members` members over 60 days with heavy-tailed activity and attention: a few
 * members draw most replies, most members post rarely, 1% are spammers who post ads nobody answers.
 */
export function syntheticGroup(members: number, seed: number, asOf: number): { interactions: InteractionRecord[]; activity: MemberActivity[] } {
  const random = seededRandom(seed);
  const ids = Array.from({ length: members }, (_, i) => `u${i}`);
  const spammers = Math.max(1, Math.floor(members / 100));
  const cumulative = (weight: (i: number) => number) => {
    const c = new Float64Array(members);
    let s = 0;
    for (let i = 0; i < members; i++) { s += weight(i); c[i] = s; }
    return c;
  };
  const draw = (c: Float64Array) => {
    const x = random() * c[members - 1]!;
    let lo = 0, hi = members - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (c[mid]! < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const isSpammer = (i: number) => i >= members - spammers;
  const speaks = cumulative((i) => (isSpammer(i) ? 0 : 1 / Math.pow(i + 1, 0.8)));
  const attracts = cumulative((i) => (isSpammer(i) ? 0 : 1 / Math.pow(i + 1, 1.1)));
  const activity = ids.map((memberId) => ({ memberId, messages: 0, adMessages: 0 }));
  const interactions: InteractionRecord[] = [];
  const messages = members * 6;
  const kinds: InteractionKind[] = ['reply', 'reply', 'reaction', 'reaction', 'mention'];
  for (let k = 0; k < messages; k++) {
    const from = draw(speaks);
    activity[from]!.messages += 1;
    if (random() < 0.7) {
      const to = draw(attracts);
      if (to !== from) interactions.push({ kind: kinds[Math.floor(random() * kinds.length)]!, from: ids[from]!, to: ids[to]!, at: asOf - Math.floor(random() * 60 * DAY_MS) });
    }
  }
  for (let i = members - spammers; i < members; i++) activity[i] = { memberId: ids[i]!, messages: 40, adMessages: 40 };
  for (let i = 1; i < Math.min(members, 200); i++) {
    interactions.push({ kind: 'invite', from: ids[Math.floor(random() * i)]!, to: ids[i]!, at: asOf - 59 * DAY_MS });
  }
  return { interactions, activity: activity.filter((a) => a.messages > 0) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

export function benchKolSize(targetMembers: number, seed: number, runs: number, config: KolConfig = DEFAULT_KOL_CONFIG): KolSizeTiming {
  const asOf = Date.UTC(2026, 5, 1);
  const input = syntheticGroup(targetMembers, seed, asOf);
  const options = { asOf, halfLifeDays: config.halfLifeDays, betweenness: { exactMaxNodes: config.betweennessExactMaxNodes, samples: config.betweennessSamples } };
  const totals: number[] = [];
  const stages = { build: [] as number[], pagerank: [] as number[], betweenness: [] as number[], coreness: [] as number[] };
  let last: ReturnType<typeof analyzeGroup> | undefined;
  for (let r = 0; r < runs; r++) {
    const [analysis, ms] = time(() => analyzeGroup(input, options));
    last = analysis;
    totals.push(ms);
    const [{ graph }, buildMs] = time(() => buildInteractionCsr(input.interactions, input.activity.map((a) => a.memberId), options));
    stages.build.push(buildMs);
    stages.pagerank.push(time(() => pagerankCsr(graph))[1]);
    stages.betweenness.push(time(() => betweennessCsr(graph, options.betweenness))[1]);
    stages.coreness.push(time(() => corenessCsr(graph))[1]);
  }
  return {
    targetMembers, members: last!.structure.nodes, edges: last!.structure.edges, interactions: input.interactions.length,
    betweennessMode: last!.betweennessMode, ms: median(totals), runs,
    stagesMs: { build: median(stages.build), pagerank: median(stages.pagerank), betweenness: median(stages.betweenness), coreness: median(stages.coreness) },
  };
}

async function benchWarehouse(wh: Warehouse, asOf: number | undefined, config: KolConfig, log: Logger): Promise<KolWarehouseTiming> {
  const groups = await listGroups(wh);
  const when = asOf ?? (await latestEventTime(wh)) ?? Date.now();
  const t = performance.now();
  const stats = await recomputeKol({ warehouse: wh, asOf: when, groups, log }, config);
  const totalMs = performance.now() - t;
  const perGroup: { members: number; ms: number }[] = [];
  for (const r of stats.results) {
    for (const [groupId, ms] of r.groupMs) perGroup.push({ members: r.groups.get(groupId)!.structure.nodes, ms });
  }
  perGroup.sort((a, b) => a.members - b.members);
  return { tenants: stats.tenants, groups: stats.groups, memberRows: stats.members, totalMs, readMs: stats.readMs, computeMs: stats.computeMs, writeMs: stats.writeMs, perGroup };
}

/** Runs the KOL benchmark; give a warehouse to include recomputing all of its groups. */
export async function benchKol(opts: KolBenchOptions = {}): Promise<KolBenchResult> {
  const config = opts.config ?? DEFAULT_KOL_CONFIG;
  const result: KolBenchResult = { bySize: [] };
  if (opts.warehouse) result.warehouse = await benchWarehouse(opts.warehouse, opts.asOf, config, opts.log ?? silentLogger());
  for (const size of opts.sizes ?? [50, 500, 5000]) {
    result.bySize.push(benchKolSize(size, (opts.seed ?? 1) + size, opts.runs ?? (size >= 5000 ? 3 : 7), config));
  }
  return result;
}

/** The benchmark's numbers as report lines. */
export function renderKolBench(r: KolBenchResult): string {
  const lines: string[] = ['KOL recompute'];
  if (r.warehouse) {
    const w = r.warehouse;
    lines.push(`  all groups: ${w.groups} groups in ${w.tenants} tenant-platforms, ${w.memberRows} member rows: ${Math.round(w.totalMs)} ms ` +
      `(read ${Math.round(w.readMs)}, compute ${Math.round(w.computeMs)}, write ${Math.round(w.writeMs)})`);
  }
  for (const s of r.bySize) {
    lines.push(`  ~${s.targetMembers} members (${s.members} in graph, ${s.edges} edges, betweenness ${s.betweennessMode}): ${s.ms.toFixed(1)} ms per group ` +
      `[build ${s.stagesMs.build.toFixed(1)}, pagerank ${s.stagesMs.pagerank.toFixed(1)}, betweenness ${s.stagesMs.betweenness.toFixed(1)}, coreness ${s.stagesMs.coreness.toFixed(1)}]`);
  }
  return lines.join('\n') + '\n';
}

// The history-scaling benchmark: as the store grows (1M, 10M, 30M events), does recomputing one
// touched group stay flat, and how long does the daily judgement of every group take?
//
// A seeded simulated community (realistic mix: conversation, replies, ads, red packets, joins and
// leaves) is generated once, then copied inside ClickHouse: each copy is a new set of groups, and
// past the group limit a copy is shifted back in time, so the store grows in both groups and
// history. Copies go through INSERT … SELECT into chat_events, so every fact kept on insert is kept
// exactly as the event store's inserts keep it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chatEventSchema } from '@qunpulse/contracts';
import { toRow } from '@qunpulse/event-store';
import { listGroups, recompute, RECOMPUTE_STEPS, refreshStepsOf, type GroupRef } from '@qunpulse/analytics-worker';
import { addDays, dayEnd, localDay } from '@qunpulse/health';
import { silentLogger } from '@qunpulse/runtime';
import { Simulation } from '@qunpulse/simulator';
import { EmbeddedWarehouse, migrate, type Warehouse } from '@qunpulse/warehouse';
import { CountingWarehouse } from './counting-warehouse.js';

const DAY_MS = 86_400_000;
export const HISTORY_TENANT = 'bench';

export interface HistoryOptions {
  /** Stored events to measure at, ascending (e.g. 1e6, 1e7, 3e7). */
  sizes: number[];
  workDir: string;
  /** Base simulation: groups and days (copied until each size is reached). */
  baseGroups?: number;
  baseDays?: number;
  /** Copies of the base become new groups up to this many copies; further copies go back in time. */
  maxGroupCopies?: number;
  /** Touched-group recomputes measured per size. */
  samples?: number;
  /** Skip the daily judgement above this many events (it is the slow part). */
  judgeUpTo?: number;
  say?: (line: string) => void;
}

export interface HistoryRow {
  events: number;
  groups: number;
  /** Days between the first and the last stored event. */
  historyDays: number;
  loadSeconds: number;
  touched: {
    p50Ms: number; p95Ms: number; samples: number; rowsReadP50: number; rowsReadP95: number; queries: number;
    /** Median milliseconds per step: where the time goes. */
    stepsP50Ms: Record<string, number>;
  };
  judgement: { groups: number; seconds: number; stepsSeconds: Record<string, number> } | null;
  bytesPerEvent: number;
  chatEventsBytesPerEvent: number;
  peakRssMiB: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
};

async function count(wh: Warehouse, sql: string): Promise<number> {
  const [r] = await wh.query<{ n: number }>(sql);
  return Number(r!.n);
}

/** Writes the base simulation into a staging table shaped like chat_events (no facts kept). */
async function seedBase(wh: Warehouse, groups: number, days: number, start: number): Promise<number> {
  await wh.command('CREATE TABLE IF NOT EXISTS bench_seed AS chat_events ENGINE = MergeTree ORDER BY (group_id, event_id)');
  await wh.command('TRUNCATE TABLE bench_seed');
  const sim = new Simulation({ groups, days, seed: 20261201, tenantId: HISTORY_TENANT, start });
  let n = 0;
  for (const day of sim.eachDay()) {
    const rows = day.map((e) => toRow(chatEventSchema.parse(e), { source: 'bench', producedAt: 0 }));
    await wh.insert('bench_seed', rows);
    n += rows.length;
  }
  return n;
}

/** Copy k of the base: its own groups (suffix k mod maxGroupCopies), shifted back by whole base periods beyond that. */
async function insertCopy(wh: Warehouse, k: number, maxGroupCopies: number, periodDays: number): Promise<void> {
  const suffix = `-c${k % maxGroupCopies}`;
  const shiftDays = Math.floor(k / maxGroupCopies) * periodDays;
  const id = (col: string) => `if(${col} = '', '', concat(${col}, '-k${k}'))`;
  await wh.command(`
    INSERT INTO chat_events
    SELECT * REPLACE (
      concat(group_id, '${suffix}') AS group_id,
      concat(event_id, '-k${k}') AS event_id,
      occurred_at - INTERVAL ${shiftDays} DAY AS occurred_at,
      ${id('reply_to_event_id')} AS reply_to_event_id,
      ${id('reaction_target_event_id')} AS reaction_target_event_id,
      now64(3) AS ingested_at
    ) FROM bench_seed`);
}

export async function runHistoryBench(opts: HistoryOptions): Promise<HistoryRow[]> {
  const say = opts.say ?? (() => {});
  const baseGroups = opts.baseGroups ?? 100;
  const baseDays = opts.baseDays ?? 56;
  const maxGroupCopies = opts.maxGroupCopies ?? 60;
  const samples = opts.samples ?? 20;
  mkdirSync(opts.workDir, { recursive: true });
  const raw = await EmbeddedWarehouse.open(path.join(opts.workDir, 'clickhouse'));
  const wh = new CountingWarehouse(raw);
  try {
    await migrate(raw);
    // The base ends a day ago, so "now" is its last day; copies sit before it.
    const end = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const start = end - baseDays * DAY_MS;
    let t0 = performance.now();
    const baseEvents = await seedBase(raw, baseGroups, baseDays, start);
    say(`history bench: base of ${baseEvents.toLocaleString('en-US')} events (${baseGroups} groups × ${baseDays} days) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const rows: HistoryRow[] = [];
    let copies = 0;
    let stored = 0;
    let loadSeconds = 0;
    for (const target of opts.sizes) {
      t0 = performance.now();
      while (stored < target) {
        await insertCopy(raw, copies++, maxGroupCopies, baseDays);
        stored += baseEvents;
      }
      await raw.command('OPTIMIZE TABLE chat_events FINAL');
      loadSeconds += (performance.now() - t0) / 1000;
      const events = await count(raw, 'SELECT count() AS n FROM chat_events');
      const groups = await listGroups(raw, HISTORY_TENANT);
      const span = await raw.query<{ first: number; last: number }>(
        'SELECT toUnixTimestamp64Milli(min(occurred_at)) AS first, toUnixTimestamp64Milli(max(occurred_at)) AS last FROM chat_events');
      const historyDays = Math.round((Number(span[0]!.last) - Number(span[0]!.first)) / DAY_MS);
      const now = Number(span[0]!.last) + 60_000;
      say(`history bench: ${events.toLocaleString('en-US')} events, ${groups.length} groups, ${historyDays} days stored (loaded in ${loadSeconds.toFixed(0)} s)`);

      // Groups stored before get their first computation once (as a live store would have them).
      const judged = groups.length && (opts.judgeUpTo === undefined || events <= opts.judgeUpTo)
        ? await judgeAll(wh, groups, now, say) : null;

      // One touched group at a time: a new message arrives, the group is refreshed.
      const refreshSteps = refreshStepsOf(RECOMPUTE_STEPS);
      const picks = pickGroups(groups, samples);
      const ms: number[] = [];
      const reads: number[] = [];
      const steps = new Map<string, number[]>();
      let queries = 0;
      for (const [i, g] of picks.entries()) {
        await raw.insert('chat_events', [{
          tenant_id: g.tenantId, platform: g.platform, group_id: g.groupId, event_id: `touch-${target}-${i}`, type: 'message',
          member_id: 'bench-visitor', occurred_at: new Date(now - 1000).toISOString(), message_kind: 'text', message_length: 5,
        }]);
        wh.reset();
        const t = performance.now();
        const timings = await recompute({ warehouse: wh, asOf: now, groups: [g], log: silentLogger() }, refreshSteps);
        ms.push(performance.now() - t);
        for (const s of timings) steps.set(s.step, [...(steps.get(s.step) ?? []), s.ms]);
        reads.push(await wh.rowsRead());
        queries = wh.queries;
      }
      const bytes = await raw.query<{ table: string; b: number }>(
        `SELECT table, sum(bytes_on_disk) AS b FROM system.parts WHERE database = currentDatabase() AND active AND table != 'bench_seed' GROUP BY table`);
      const total = bytes.reduce((s, r) => s + Number(r.b), 0);
      const chat = Number(bytes.find((r) => r.table === 'chat_events')?.b ?? 0);
      const row: HistoryRow = {
        events, groups: groups.length, historyDays, loadSeconds,
        touched: { p50Ms: quantile(ms, 0.5), p95Ms: quantile(ms, 0.95), samples: ms.length, rowsReadP50: quantile(reads, 0.5), rowsReadP95: quantile(reads, 0.95), queries,
          stepsP50Ms: Object.fromEntries([...steps].map(([k, v]) => [k, quantile(v, 0.5)])) },
        judgement: judged,
        bytesPerEvent: total / events,
        chatEventsBytesPerEvent: chat / events,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
      };
      say(`history bench: touched group p50 ${row.touched.p50Ms.toFixed(0)} ms (${Object.entries(row.touched.stepsP50Ms).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}), p95 ${row.touched.p95Ms.toFixed(0)} ms, ` +
        `rows read p50 ${row.touched.rowsReadP50.toLocaleString('en-US')}; judgement ${judged ? `${judged.seconds.toFixed(1)} s for ${judged.groups} groups` : 'skipped'}; ` +
        `${row.bytesPerEvent.toFixed(1)} bytes/event; peak RSS ${row.peakRssMiB.toFixed(0)} MiB`);
      rows.push(row);
    }
    return rows;
  } finally {
    await raw.close();
  }
}

/** The daily judgement of every group as the live worker runs it (all steps, the tenant's day that just ended). */
async function judgeAll(wh: CountingWarehouse, groups: GroupRef[], now: number, say: (l: string) => void): Promise<HistoryRow['judgement']> {
  const day = addDays(localDay(now), -1);
  const t = performance.now();
  const timings = await recompute({ warehouse: wh, asOf: dayEnd(day), groups, log: silentLogger() });
  const seconds = (performance.now() - t) / 1000;
  say(`history bench: judged ${groups.length} groups for ${day} in ${seconds.toFixed(1)} s (${timings.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)}`).join(', ')})`);
  return { groups: groups.length, seconds, stepsSeconds: Object.fromEntries(timings.map((s) => [s.step, s.ms / 1000])) };
}

/** Evenly spread picks across the groups (which differ in size and age). */
function pickGroups(groups: GroupRef[], n: number): GroupRef[] {
  if (groups.length <= n) return groups;
  const step = groups.length / n;
  return Array.from({ length: n }, (_, i) => groups[Math.floor(i * step)]!);
}

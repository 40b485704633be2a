// The live analytics. Each tick it (1) refreshes the groups the event store touched since its
// durable watermark, and (2) judges every group that is not yet dead for each day that ended in
// its tenant's time zone since the last judgement, silent groups included. After each run,
// listeners (the alerter) see what was recomputed. Everything it still owes is read from the
// warehouse, so a restart resumes where it stopped.
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { parseGroupKey, groupKey, type RecomputeContext, type RecomputeStep } from './context.js';
import { dayNumber, groupsToJudge, pendingDays } from './daily-judgement.js';
import { latestEventTime } from './groups.js';
import { byTimeZone, recompute, type StepTiming } from './recompute.js';
import { RECOMPUTE_STEPS, refreshStepsOf } from './steps.js';
import { readWatermark, writeWatermark } from './watermarks.js';

export type RecomputeListener = (ctx: RecomputeContext, timings: StepTiming[]) => Promise<void>;

/** Marks younger than this are left for the next tick: an insert may still be becoming visible. */
export const MARK_SETTLE_MS = 1_000;

export interface AnalyticsWorkerOptions {
  warehouse: Warehouse;
  log: Logger;
  /** How often the worker ticks; 0 disables the schedule (on demand only). */
  intervalMs: number;
  /**
   * Where "now" comes from: the wall clock for live data, or the latest stored event for imports
   * and replays of history.
   */
  clock: 'wall' | 'data';
  /** The steps of the daily judgement (default: RECOMPUTE_STEPS). */
  steps?: RecomputeStep[];
  /**
   * The steps run for groups touched during the day (default: every step but the KOL graph, whose
   * tenant-wide graph is rebuilt at the day boundary).
   */
  refreshSteps?: RecomputeStep[];
  /** Days judged at most when catching up after downtime. */
  maxCatchUpDays?: number;
  /** Marks younger than this wait for the next tick (default MARK_SETTLE_MS). */
  markSettleMs?: number;
  /**
   * Whether the events up to an instant are stored (the event store's backlog); a day is judged
   * only then. Without it, days are judged as soon as they end.
   */
  caughtUp?: (through: number) => Promise<boolean>;
}

export interface WorkerRun {
  refreshed: number;
  judged: Array<{ tenantId: string; day: string; groups: number }>;
}

export class AnalyticsWorker {
  private touched = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<WorkerRun> = Promise.resolve({ refreshed: 0, judged: [] });
  private readonly listeners: RecomputeListener[] = [];
  private readonly steps: RecomputeStep[];
  private readonly refreshSteps: RecomputeStep[];
  /** The day last reported as waiting for its events (reported once, not every tick). */
  private deferredDay: string | undefined;

  constructor(private readonly opts: AnalyticsWorkerOptions) {
    this.steps = opts.steps ?? RECOMPUTE_STEPS;
    this.refreshSteps = opts.refreshSteps ?? refreshStepsOf(this.steps);
  }

  /** Marks groups (keys `tenant\u001fplatform\u001fgroup`) as needing recomputation now. */
  touch(keys: Iterable<string>): void {
    for (const k of keys) this.touched.add(k);
  }

  onRecomputed(listener: RecomputeListener): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.opts.intervalMs > 0) {
      this.timer = setInterval(() => { void this.runNow().catch((err) => this.opts.log.error({ err }, 'scheduled analytics run failed')); }, this.opts.intervalMs);
      this.timer.unref();
    }
  }

  /** Refreshes touched groups and judges the days that ended; runs never overlap. */
  runNow(asOf?: number): Promise<WorkerRun> {
    this.running = this.running.catch(() => ({ refreshed: 0, judged: [] })).then(() => this.runOnce(asOf));
    return this.running;
  }

  /**
   * On the data clock, nothing stored yet means no "now" yet: the wall clock's day would be judged
   * once the backlog is stored, and the watermark would skip every day of the history arriving.
   */
  private async now(): Promise<number | undefined> {
    if (this.opts.clock === 'wall') return Date.now();
    return latestEventTime(this.opts.warehouse);
  }

  private async runOnce(asOf?: number): Promise<WorkerRun> {
    const now = asOf ?? (await this.now());
    if (now === undefined) return { refreshed: 0, judged: [] };
    const refreshed = await this.refresh(now);
    const judged = await this.judge(now);
    return { refreshed, judged };
  }

  /** Recomputes the groups touched since the durable watermark (and those touched in memory). */
  private async refresh(now: number): Promise<number> {
    const wh = this.opts.warehouse;
    const from = (await readWatermark(wh, 'marks')) ?? 0;
    const upTo = Date.now() - (this.opts.markSettleMs ?? MARK_SETTLE_MS);
    const marked = upTo > from ? await wh.query<{ tenant_id: string; platform: string; group_id: string }>(
      `SELECT DISTINCT tenant_id, platform, group_id FROM group_day_marks
       WHERE marked_at > fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND marked_at <= fromUnixTimestamp64Milli({upTo:Int64}, 'UTC')`,
      { from, upTo }) : [];
    const keys = new Set(this.touched);
    this.touched.clear();
    for (const r of marked) keys.add(groupKey({ tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id }));
    if (keys.size > 0) {
      const ctx: RecomputeContext = { warehouse: wh, asOf: now, groups: [...keys].map(parseGroupKey), log: this.opts.log };
      try {
        await this.run(ctx, this.refreshSteps, 'refreshed touched groups');
      } catch (err) {
        // Put the groups back so the next run tries again.
        for (const k of keys) this.touched.add(k);
        throw err;
      }
    }
    if (upTo > from) await writeWatermark(wh, 'marks', upTo);
    return keys.size;
  }

  /** Judges every pending (tenant, day) in order, advancing each tenant's watermark after its day. */
  private async judge(now: number): Promise<WorkerRun['judged']> {
    const wh = this.opts.warehouse;
    const done: WorkerRun['judged'] = [];
    for (const d of await pendingDays(wh, now, this.opts.maxCatchUpDays ?? 90)) {
      if (this.opts.caughtUp && !(await this.opts.caughtUp(d.asOf))) {
        if (this.deferredDay !== d.day) this.opts.log.info({ tenant: d.tenantId, day: d.day }, 'day waits for its events to be stored before it is judged');
        this.deferredDay = d.day;
        break;
      }
      const groups = await groupsToJudge(wh, d);
      if (groups.length > 0) {
        await this.run({ warehouse: wh, asOf: d.asOf, groups, log: this.opts.log, timeZone: d.timeZone }, this.steps, 'judged the day');
      }
      await writeWatermark(wh, 'judged_day', dayNumber(d.day), d.tenantId);
      this.opts.log.info({ tenant: d.tenantId, day: d.day, timeZone: d.timeZone, groups: groups.length }, 'day judged');
      done.push({ tenantId: d.tenantId, day: d.day, groups: groups.length });
    }
    return done;
  }

  /** Recomputes per time zone, so listeners see each group's own day. */
  private async run(ctx: RecomputeContext, steps: RecomputeStep[], what: string): Promise<void> {
    for (const part of await byTimeZone(ctx)) {
      const timings = await recompute(part, steps);
      this.opts.log.info({ groups: part.groups.length, asOf: new Date(part.asOf).toISOString(), timeZone: part.timeZone, timings }, what);
      for (const l of this.listeners) await l(part, timings);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => {});
  }
}

// Keeps track of the groups the event store has touched and recomputes them on a schedule or on
// demand. After each run, listeners (the alerter) see what was recomputed.
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { parseGroupKey, type RecomputeContext, type RecomputeStep } from './context.js';
import { latestEventTime } from './groups.js';
import { recompute, type StepTiming } from './recompute.js';

export type RecomputeListener = (ctx: RecomputeContext, timings: StepTiming[]) => Promise<void>;

export interface AnalyticsWorkerOptions {
  warehouse: Warehouse;
  log: Logger;
  /** How often touched groups are recomputed; 0 disables the schedule (on demand only). */
  intervalMs: number;
  /**
   * Where "now" comes from: the wall clock for live data, or the latest stored event for imports
   * and replays of history.
   */
  clock: 'wall' | 'data';
  /** The recompute steps (default: RECOMPUTE_STEPS). */
  steps?: RecomputeStep[];
}

export class AnalyticsWorker {
  private touched = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly listeners: RecomputeListener[] = [];

  constructor(private readonly opts: AnalyticsWorkerOptions) {}

  /** Marks groups (keys `tenant\u001fplatform\u001fgroup`) as needing recomputation. */
  touch(keys: Iterable<string>): void {
    for (const k of keys) this.touched.add(k);
  }

  onRecomputed(listener: RecomputeListener): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.opts.intervalMs > 0) {
      this.timer = setInterval(() => { void this.runNow().catch((err) => this.opts.log.error({ err }, 'scheduled recompute failed')); }, this.opts.intervalMs);
      this.timer.unref();
    }
  }

  /** Recomputes every touched group now; runs never overlap. */
  runNow(asOf?: number): Promise<void> {
    this.running = this.running.catch(() => {}).then(() => this.runOnce(asOf));
    return this.running;
  }

  private async runOnce(asOf?: number): Promise<void> {
    if (this.touched.size === 0) return;
    const keys = [...this.touched];
    this.touched.clear();
    const when = asOf ?? (this.opts.clock === 'wall' ? Date.now() : (await latestEventTime(this.opts.warehouse)) ?? Date.now());
    const ctx: RecomputeContext = { warehouse: this.opts.warehouse, asOf: when, groups: keys.map(parseGroupKey), log: this.opts.log };
    try {
      const timings = await recompute(ctx, this.opts.steps);
      this.opts.log.info({ groups: keys.length, asOf: new Date(when).toISOString(), timings }, 'recomputed analytics');
      for (const l of this.listeners) await l(ctx, timings);
    } catch (err) {
      // Put the groups back so the next run tries again.
      for (const k of keys) this.touched.add(k);
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => {});
  }
}

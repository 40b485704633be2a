// A warehouse filled the way production fills it: simulated events in chat_events, then every real
// recompute step (KOLs, activity, retention, health), run once a week as a scheduled worker would,
// so the daily tables hold history and not just the last day.
import { listGroups, recompute, type RecomputeContext } from '@qunpulse/analytics-worker';
import { silentLogger } from '@qunpulse/runtime';
import { Simulation, DAY_MS, type GroundTruth } from '@qunpulse/simulator';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './chat-rows.js';
import { testWarehouse } from './kit.js';

export interface SimulatedOptions {
  groups: number;
  days: number;
  seed: number;
  tenantId?: string;
  /** Days between recomputes, from the first full 4 weeks on (default 7). */
  everyDays?: number;
  /** Called after each recompute (e.g. the alerter, as `qunpulse run` wires it). */
  afterRecompute?: (ctx: RecomputeContext) => Promise<void>;
  /** Fill this warehouse instead of a new one (several tenants in one store). */
  warehouse?: Warehouse;
}

export async function simulatedWarehouse(opts: SimulatedOptions): Promise<{ wh: Warehouse; truth: GroundTruth; events: number; asOfs: number[] }> {
  const wh = opts.warehouse ?? await testWarehouse();
  const tenantId = opts.tenantId ?? 'demo';
  const sim = new Simulation({ groups: opts.groups, days: opts.days, seed: opts.seed, tenantId });
  let events = 0;
  for (const day of sim.eachDay()) {
    await loadEvents(wh, day);
    events += day.length;
  }
  const truth = sim.truth();
  const every = (opts.everyDays ?? 7) * DAY_MS;
  const asOfs: number[] = [];
  for (let t = truth.end - 1; t > truth.start + 28 * DAY_MS; t -= every) asOfs.unshift(t);
  const groups = await listGroups(wh, tenantId);
  for (const asOf of asOfs) {
    const ctx: RecomputeContext = { warehouse: wh, asOf, groups, log: silentLogger() };
    await recompute(ctx);
    await opts.afterRecompute?.(ctx);
  }
  return { wh, truth, events, asOfs };
}

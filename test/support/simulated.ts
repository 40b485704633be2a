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
  /** Called once the events are stored, before the first recompute (e.g. tenant settings). */
  beforeRecompute?: (wh: Warehouse, tenantId: string) => Promise<void>;
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
  await opts.beforeRecompute?.(wh, tenantId);
  const groups = await listGroups(wh, tenantId);
  for (const asOf of asOfs) {
    const ctx: RecomputeContext = { warehouse: wh, asOf, groups, log: silentLogger() };
    await recompute(ctx);
    await opts.afterRecompute?.(ctx);
  }
  return { wh, truth, events, asOfs };
}

/**
 * How long filling the simulated warehouse may take: about two minutes on an idle 2-core machine,
 * several times that when the machine is shared, which is no failure of the code under test.
 */
export const SIMULATED_SETUP_MS = 600_000;

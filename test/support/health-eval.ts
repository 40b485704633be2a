// Runs the activity, retention and health steps over a simulated tenant as of any instant, so
// status can be scored against the simulator's ground truth and early warning against the future.
import { simulate, type GroundTruth } from '@qunpulse/simulator';
import { activityStep, retentionStep, writeHealth, type GroupHealth, type GroupRef } from '@qunpulse/analytics-worker';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './chat-rows.js';

export interface LoadedSimulation {
  truth: GroundTruth;
  groups: GroupRef[];
  events: number;
}

export async function loadSimulation(wh: Warehouse, opts: { groups: number; days: number; seed: number; tenantId: string }): Promise<LoadedSimulation> {
  const { events, truth } = simulate(opts);
  await loadEvents(wh, events);
  const groups = truth.groups.map((g) => ({ tenantId: g.tenantId, platform: g.platform, groupId: g.groupId }));
  return { truth, groups, events: events.length };
}

/** The recompute steps of this issue as the worker runs them; the health step's own write returns the verdicts. */
export async function healthAsOf(wh: Warehouse, groups: GroupRef[], asOf: number): Promise<GroupHealth[]> {
  const ctx = { warehouse: wh, asOf, groups, log: silentLogger() };
  for (const step of [activityStep, retentionStep]) await step.run(ctx);
  return writeHealth(wh, { groups, asOf });
}

// Runs the activity, retention and health steps over a simulated tenant as of any instant, so
// status can be scored against the simulator's ground truth and early warning against the future.
import { simulate, type GroundTruth } from '@qunpulse/simulator';
import { activityStep, healthStep, retentionStep, computeHealth, type GroupHealth, type GroupRef } from '@qunpulse/analytics-worker';
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

/** The recompute steps of this issue, as the worker runs them, then the verdicts as of `asOf`. */
export async function healthAsOf(wh: Warehouse, groups: GroupRef[], asOf: number): Promise<GroupHealth[]> {
  const ctx = { warehouse: wh, asOf, groups, log: silentLogger() };
  for (const step of [activityStep, retentionStep, healthStep]) await step.run(ctx);
  return computeHealth(wh, { groups, asOf });
}

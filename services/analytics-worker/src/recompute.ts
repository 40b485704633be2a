import type { RecomputeContext, RecomputeStep } from './context.js';
import { RECOMPUTE_STEPS } from './steps.js';
import { readTenantTimeZones } from './tenants.js';

export interface StepTiming { step: string; ms: number }

/**
 * Runs the steps in order for the context's groups; returns how long each took. Groups are taken
 * per tenant time zone, so every step sees one zone's days. A context that names its zone is run as is.
 */
export async function recompute(ctx: RecomputeContext, steps: RecomputeStep[] = RECOMPUTE_STEPS): Promise<StepTiming[]> {
  const timings: StepTiming[] = [];
  if (ctx.groups.length === 0) return timings;
  for (const part of await byTimeZone(ctx)) {
    for (const step of steps) {
      const t0 = performance.now();
      await step.run(part);
      const ms = performance.now() - t0;
      const same = timings.find((t) => t.step === step.name);
      if (same) same.ms += ms;
      else timings.push({ step: step.name, ms });
      ctx.log.debug({ step: step.name, groups: part.groups.length, timeZone: part.timeZone, ms: Math.round(ms) }, 'recompute step done');
    }
  }
  return timings;
}

/** The context split by the tenants' time zones. */
export async function byTimeZone(ctx: RecomputeContext): Promise<RecomputeContext[]> {
  if (ctx.timeZone) return [ctx];
  const zones = await readTenantTimeZones(ctx.warehouse, ctx.groups.map((g) => g.tenantId));
  const parts = new Map<string, RecomputeContext>();
  for (const g of ctx.groups) {
    const tz = zones.get(g.tenantId)!;
    let p = parts.get(tz);
    if (!p) parts.set(tz, (p = { ...ctx, groups: [], timeZone: tz }));
    p.groups.push(g);
  }
  return [...parts.values()];
}

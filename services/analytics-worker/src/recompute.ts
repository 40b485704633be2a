import { ClassifiedCache } from './classified-cache.js';
import type { RecomputeContext, RecomputeStep } from './context.js';
import { RETENTION_REBUILD_DAYS } from './retention/queries.js';
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
    const run = async (wh: RecomputeContext['warehouse']) => {
      for (const step of steps) {
        const t0 = performance.now();
        await step.run({ ...part, warehouse: wh });
        const ms = performance.now() - t0;
        const same = timings.find((t) => t.step === step.name);
        if (same) same.ms += ms;
        else timings.push({ step: step.name, ms });
        ctx.log.debug({ step: step.name, groups: part.groups.length, timeZone: part.timeZone, ms: Math.round(ms) }, 'recompute step done');
      }
    };
    // A few groups (the live refresh): classify their window once for every step. Many groups
    // (the daily judgement): each query already classifies them all in one pass.
    if (part.groups.length <= CLASSIFY_ONCE_MAX_GROUPS) {
      const since = part.asOf - (RETENTION_REBUILD_DAYS + 1) * DAY_MS;
      await ClassifiedCache.around(part.warehouse, { groups: part.groups, asOf: part.asOf, since, ...(part.timeZone ? { timeZone: part.timeZone } : {}) }, run);
    } else {
      await run(part.warehouse);
    }
  }
  return timings;
}

/** Scopes up to this many groups classify their messages once per recompute. */
export const CLASSIFY_ONCE_MAX_GROUPS = 50;
const DAY_MS = 86_400_000;

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

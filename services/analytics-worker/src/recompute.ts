import type { RecomputeContext, RecomputeStep } from './context.js';
import { RECOMPUTE_STEPS } from './steps.js';

export interface StepTiming { step: string; ms: number }

/** Runs the steps in order for the context's groups; returns how long each took. */
export async function recompute(ctx: RecomputeContext, steps: RecomputeStep[] = RECOMPUTE_STEPS): Promise<StepTiming[]> {
  const timings: StepTiming[] = [];
  if (ctx.groups.length === 0) return timings;
  for (const step of steps) {
    const t0 = performance.now();
    await step.run(ctx);
    const ms = performance.now() - t0;
    timings.push({ step: step.name, ms });
    ctx.log.debug({ step: step.name, groups: ctx.groups.length, ms: Math.round(ms) }, 'recompute step done');
  }
  return timings;
}

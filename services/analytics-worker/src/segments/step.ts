// The segment step, run by the daily judgement only (segments are judged once a day): after the KOL
// step, whose snapshot names the KOLs and the bots recognised by behaviour.
import { DEFAULT_SEGMENT_RULES, validateSegmentRules, type SegmentRules } from '@qunpulse/health';
import type { RecomputeStep } from '../context.js';
import { writeSegments } from './compute.js';

export function createSegmentStep(rules: SegmentRules = DEFAULT_SEGMENT_RULES): RecomputeStep {
  validateSegmentRules(rules);
  return {
    name: 'segments',
    async run(ctx) {
      const written = await writeSegments(ctx.warehouse, { groups: ctx.groups, asOf: ctx.asOf, ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}) }, rules);
      ctx.log.debug(written, 'member_segment_daily written');
    },
  };
}

export const segmentStep = createSegmentStep();

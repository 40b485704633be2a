// The recompute steps of activity, retention and health. Health runs last, after the KOL step,
// so it can read the graph's KOL ranks when they exist.
import type { RecomputeStep } from '../context.js';
import { DEFAULT_ACTIVITY_DAYS, writeActivity } from '../activity/compute.js';
import { writeRetention } from '../retention/compute.js';
import { writeHealth } from './compute.js';

export const activityStep: RecomputeStep = {
  name: 'activity',
  async run(ctx) {
    const rows = await writeActivity(ctx.warehouse, { groups: ctx.groups, asOf: ctx.asOf }, DEFAULT_ACTIVITY_DAYS);
    ctx.log.debug({ rows: rows.length }, 'group_activity_daily written');
  },
};

export const retentionStep: RecomputeStep = {
  name: 'retention',
  async run(ctx) {
    await writeRetention(ctx.warehouse, { groups: ctx.groups, asOf: ctx.asOf });
  },
};

export const healthStep: RecomputeStep = {
  name: 'health',
  async run(ctx) {
    const health = await writeHealth(ctx.warehouse, { groups: ctx.groups, asOf: ctx.asOf });
    const counts: Record<string, number> = {};
    for (const h of health) counts[h.status] = (counts[h.status] ?? 0) + 1;
    ctx.log.debug({ statuses: counts }, 'group_health_daily written');
  },
};

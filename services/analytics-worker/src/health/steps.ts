// The recompute steps of activity, retention and health. Health runs last, after the KOL step,
// so it can read the graph's KOL ranks when they exist.
import { groupKey, type RecomputeStep } from '../context.js';
import { DEFAULT_ACTIVITY_DAYS, groupsWithRows, writeActivity } from '../activity/compute.js';
import { writeRetention } from '../retention/compute.js';
import { writeHealth } from './compute.js';

export const activityStep: RecomputeStep = {
  name: 'activity',
  async run(ctx) {
    // Groups seen for the first time get their whole history (dashboards chart it); the others
    // only the recent days that new events can still change.
    const known = await groupsWithRows(ctx.warehouse, 'group_activity_daily', ctx.groups);
    const fresh = ctx.groups.filter((g) => !known.has(groupKey(g)));
    const seen = ctx.groups.filter((g) => known.has(groupKey(g)));
    let rows = 0;
    if (fresh.length) rows += (await writeActivity(ctx.warehouse, { groups: fresh, asOf: ctx.asOf, timeZone: ctx.timeZone })).length;
    if (seen.length) rows += (await writeActivity(ctx.warehouse, { groups: seen, asOf: ctx.asOf, timeZone: ctx.timeZone }, DEFAULT_ACTIVITY_DAYS)).length;
    ctx.log.debug({ rows, fullHistory: fresh.length }, 'group_activity_daily written');
  },
};

export const retentionStep: RecomputeStep = {
  name: 'retention',
  async run(ctx) {
    // Groups seen for the first time get every membership; the others the recent ones.
    const known = await groupsWithRows(ctx.warehouse, 'member_retention', ctx.groups);
    const fresh = ctx.groups.filter((g) => !known.has(groupKey(g)));
    const seen = ctx.groups.filter((g) => known.has(groupKey(g)));
    if (fresh.length) await writeRetention(ctx.warehouse, { groups: fresh, asOf: ctx.asOf, timeZone: ctx.timeZone }, 'all');
    if (seen.length) await writeRetention(ctx.warehouse, { groups: seen, asOf: ctx.asOf, timeZone: ctx.timeZone }, 'recent');
  },
};

export const healthStep: RecomputeStep = {
  name: 'health',
  async run(ctx) {
    const health = await writeHealth(ctx.warehouse, { groups: ctx.groups, asOf: ctx.asOf, timeZone: ctx.timeZone });
    const counts: Record<string, number> = {};
    for (const h of health) counts[h.status] = (counts[h.status] ?? 0) + 1;
    ctx.log.debug({ statuses: counts }, 'group_health_daily written');
  },
};

// The fission step: groups seen for the first time are placed from their whole membership history,
// the others from the arrivals of the retention window (earlier ones keep their placement).
import { groupKey, type RecomputeStep } from '../context.js';
import { DAY_MS } from '../activity/scope.js';
import { groupsWithRows } from '../activity/compute.js';
import { RETENTION_REBUILD_DAYS } from '../retention/queries.js';
import { writeFission } from './compute.js';

export const fissionStep: RecomputeStep = {
  name: 'fission',
  async run(ctx) {
    const known = await groupsWithRows(ctx.warehouse, 'member_invitations', ctx.groups);
    const fresh = ctx.groups.filter((g) => !known.has(groupKey(g)));
    const seen = ctx.groups.filter((g) => known.has(groupKey(g)));
    const base = { asOf: ctx.asOf, ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}) };
    if (fresh.length) await writeFission(ctx.warehouse, { ...base, groups: fresh, since: 0 });
    if (seen.length) await writeFission(ctx.warehouse, { ...base, groups: seen, since: ctx.asOf - RETENTION_REBUILD_DAYS * DAY_MS });
  },
};

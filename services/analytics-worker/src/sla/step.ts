// The response-time step: the measured groups of the scope (support and sales, or those the tenant
// chose), over the last week of their tenants' work hours.
import type { RecomputeStep } from '../context.js';
import { writeSla } from './compute.js';

export const slaStep: RecomputeStep = {
  name: 'sla',
  async run(ctx) {
    const out = await writeSla(ctx.warehouse, { groups: ctx.groups, asOf: ctx.asOf, ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}) });
    ctx.log.debug({ groups: out.length }, 'group_sla_daily written');
  },
};

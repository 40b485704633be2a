// The recompute step: for the groups the analytics worker refreshes or judges, rebuild each member's
// daily link counts over the last weeks, in the tenant's time zone, as of the worker's instant.
import type { RecomputeStep } from '@qunpulse/consumer-kit';

/** Days rebuilt per run: enough for the panel's default range, bounded so a run reads a window, not history. */
export const REBUILD_DAYS = 35;

export const memberDailyStep: RecomputeStep = {
  name: 'member-daily',
  async run(ctx) {
    const tz = ctx.timeZone ?? 'UTC';
    await ctx.warehouse.command(
      `INSERT INTO link_sharing_member_daily (tenant_id, platform, group_id, day, member_id, links, domains, top_domain)
       SELECT tenant_id, platform, group_id, toDate(occurred_at, {tz:String}) AS day, member_id,
         toUInt32(count()) AS links, toUInt32(uniqExact(domain)) AS domains, topK(1)(domain)[1] AS top_domain
       FROM link_sharing_links FINAL
       WHERE (tenant_id, platform, group_id) IN (SELECT arrayJoin(arrayZip({t:Array(String)}, {p:Array(String)}, {g:Array(String)})))
         AND occurred_at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')
         AND occurred_at > fromUnixTimestamp64Milli({asOf:Int64}, 'UTC') - INTERVAL {days:UInt32} DAY
       GROUP BY tenant_id, platform, group_id, day, member_id`,
      {
        tz, asOf: ctx.asOf, days: REBUILD_DAYS,
        t: ctx.groups.map((g) => g.tenantId), p: ctx.groups.map((g) => g.platform), g: ctx.groups.map((g) => g.groupId),
      },
    );
  },
};

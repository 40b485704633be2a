// What the health report section reads: the latest verdict per group, retention per group and per
// tenant (by join path and inviter), invitation trees, and how long groups survive after creation.
import { CLASSIFIED_MESSAGES } from '../activity/classify.js';
import { IN_GROUPS } from '../activity/scope.js';

const AS_OF = `fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;
const tenantFilter = (tenantId?: string) => (tenantId ? 'AND tenant_id = {tenant:String}' : '');

export const latestHealth = (tenantId?: string) => `
  SELECT tenant_id, platform, group_id, toString(day) AS dkey, status, health_score, growth_score, retention_score,
         activity_score, structure_score, members, active_members_7d, messages_7d, silent_days,
         reason_codes, reason_details, reason_evidence, toUnixTimestamp64Milli(created_at) AS created_ms
  FROM group_health_daily FINAL
  WHERE (tenant_id, platform, group_id, day) IN (
    SELECT tenant_id, platform, group_id, max(day) FROM group_health_daily
    WHERE day <= toDate(${AS_OF}) ${tenantFilter(tenantId)} GROUP BY tenant_id, platform, group_id)
  ${tenantFilter(tenantId)}`;

/** Retention of each group's memberships, overall and by join path. */
export const groupRetention = (tenantId?: string) => `
  SELECT tenant_id, platform, group_id, join_via, count() AS memberships,
         countIf(retained_d1 IS NOT NULL) AS eligible_d1, countIf(retained_d1 = 1) AS kept_d1,
         countIf(retained_d7 IS NOT NULL) AS eligible_d7, countIf(retained_d7 = 1) AS kept_d7,
         countIf(retained_d30 IS NOT NULL) AS eligible_d30, countIf(retained_d30 = 1) AS kept_d30,
         countIf(churned = 1) AS left_members, countIf(silent_churned = 1) AS silent_members
  FROM member_retention FINAL
  WHERE joined_at <= ${AS_OF} ${tenantFilter(tenantId)}
  GROUP BY tenant_id, platform, group_id, join_via`;

/** Each group's deepest invitation generation, as the fission step placed it on its latest day up to as-of. */
export const inviteDepths = (tenantId?: string) => `
  SELECT tenant_id, platform, group_id, argMax(max_depth, day) AS depth
  FROM group_fission_daily FINAL
  WHERE day <= toDate(${AS_OF}) ${tenantFilter(tenantId)}
  GROUP BY tenant_id, platform, group_id`;

/** Who invited whom, for the top inviters. */
export const inviteEdges = (tenantId?: string) => `
  SELECT tenant_id, platform, group_id, member_id, inviter_id,
         countIf(retained_d7 = 1) AS kept_d7, countIf(retained_d7 IS NOT NULL) AS eligible_d7
  FROM member_retention FINAL
  WHERE inviter_id != '' AND joined_at <= ${AS_OF} ${tenantFilter(tenantId)}
  GROUP BY tenant_id, platform, group_id, member_id, inviter_id`;

/**
 * Per group: its creation, and whether it was still alive (a human message in the 14 days before)
 * 7, 30 and 90 days after it; NULL when the group is not that old yet.
 */
export const SURVIVAL = `
  SELECT g.tenant_id AS tenant_id, g.platform AS platform, g.group_id AS group_id,
         if(g.created_at + INTERVAL 7 DAY > ${AS_OF}, NULL, toUInt8(countIf(m.occurred_at > g.created_at + INTERVAL 7 DAY - INTERVAL 14 DAY AND m.occurred_at <= g.created_at + INTERVAL 7 DAY) > 0)) AS alive_7,
         if(g.created_at + INTERVAL 30 DAY > ${AS_OF}, NULL, toUInt8(countIf(m.occurred_at > g.created_at + INTERVAL 30 DAY - INTERVAL 14 DAY AND m.occurred_at <= g.created_at + INTERVAL 30 DAY) > 0)) AS alive_30,
         if(g.created_at + INTERVAL 90 DAY > ${AS_OF}, NULL, toUInt8(countIf(m.occurred_at > g.created_at + INTERVAL 90 DAY - INTERVAL 14 DAY AND m.occurred_at <= g.created_at + INTERVAL 90 DAY) > 0)) AS alive_90
  FROM (
    SELECT tenant_id, platform, group_id, min(created_at) AS created_at FROM group_health_daily FINAL
    WHERE day <= toDate(${AS_OF}) AND ${IN_GROUPS}
    GROUP BY tenant_id, platform, group_id
  ) AS g
  LEFT JOIN (
    SELECT tenant_id, platform, group_id, occurred_at FROM (${CLASSIFIED_MESSAGES}) WHERE cls = 'human'
  ) AS m ON m.tenant_id = g.tenant_id AND m.platform = g.platform AND m.group_id = g.group_id
  GROUP BY tenant_id, platform, group_id, g.created_at`;

/** The tenant's most recent join-week cohorts. */
export const tenantCohorts = (tenantId?: string) => `
  SELECT tenant_id, toString(join_week) AS week, memberships, retention_d1, retention_d7, retention_d30, churn_rate, silent_churn_rate
  FROM retention_by_cohort_tenant
  WHERE join_week <= toDate(${AS_OF}) AND join_week > toDate(${AS_OF}) - 56 ${tenantFilter(tenantId)}
  ORDER BY tenant_id, join_week`;

/** The tenant's inviters who brought the most members, with how many of them stayed and spoke. */
export const tenantInviters = (tenantId?: string) => `
  SELECT tenant_id, inviter_id, invited, groups, retention_d7, retention_d30
  FROM retention_by_inviter_tenant
  WHERE 1 = 1 ${tenantFilter(tenantId)}
  ORDER BY tenant_id, invited DESC, inviter_id
  LIMIT 10 BY tenant_id`;

-- Retention cuts over member_retention (one row per membership, latest computation wins):
-- by join-week cohort, by join path and by inviter, per group and per tenant.
-- Rates are over memberships old enough to judge (retained_dN is NULL before day N).
CREATE VIEW IF NOT EXISTS retention_by_cohort ${ON_CLUSTER} AS
SELECT tenant_id, platform, group_id, join_week,
       count() AS memberships,
       countIf(retained_d1 IS NOT NULL) AS eligible_d1, avgIf(retained_d1, retained_d1 IS NOT NULL) AS retention_d1,
       countIf(retained_d7 IS NOT NULL) AS eligible_d7, avgIf(retained_d7, retained_d7 IS NOT NULL) AS retention_d7,
       countIf(retained_d30 IS NOT NULL) AS eligible_d30, avgIf(retained_d30, retained_d30 IS NOT NULL) AS retention_d30,
       avg(churned) AS churn_rate, avg(silent_churned) AS silent_churn_rate
FROM member_retention FINAL
GROUP BY tenant_id, platform, group_id, join_week;

CREATE VIEW IF NOT EXISTS retention_by_cohort_tenant ${ON_CLUSTER} AS
SELECT tenant_id, join_week,
       count() AS memberships,
       countIf(retained_d1 IS NOT NULL) AS eligible_d1, avgIf(retained_d1, retained_d1 IS NOT NULL) AS retention_d1,
       countIf(retained_d7 IS NOT NULL) AS eligible_d7, avgIf(retained_d7, retained_d7 IS NOT NULL) AS retention_d7,
       countIf(retained_d30 IS NOT NULL) AS eligible_d30, avgIf(retained_d30, retained_d30 IS NOT NULL) AS retention_d30,
       avg(churned) AS churn_rate, avg(silent_churned) AS silent_churn_rate
FROM member_retention FINAL
GROUP BY tenant_id, join_week;

CREATE VIEW IF NOT EXISTS retention_by_join_path ${ON_CLUSTER} AS
SELECT tenant_id, platform, group_id, join_via,
       count() AS memberships,
       countIf(retained_d1 IS NOT NULL) AS eligible_d1, avgIf(retained_d1, retained_d1 IS NOT NULL) AS retention_d1,
       countIf(retained_d7 IS NOT NULL) AS eligible_d7, avgIf(retained_d7, retained_d7 IS NOT NULL) AS retention_d7,
       countIf(retained_d30 IS NOT NULL) AS eligible_d30, avgIf(retained_d30, retained_d30 IS NOT NULL) AS retention_d30,
       avg(churned) AS churn_rate, avg(silent_churned) AS silent_churn_rate
FROM member_retention FINAL
GROUP BY tenant_id, platform, group_id, join_via;

CREATE VIEW IF NOT EXISTS retention_by_join_path_tenant ${ON_CLUSTER} AS
SELECT tenant_id, join_via,
       count() AS memberships,
       countIf(retained_d1 IS NOT NULL) AS eligible_d1, avgIf(retained_d1, retained_d1 IS NOT NULL) AS retention_d1,
       countIf(retained_d7 IS NOT NULL) AS eligible_d7, avgIf(retained_d7, retained_d7 IS NOT NULL) AS retention_d7,
       countIf(retained_d30 IS NOT NULL) AS eligible_d30, avgIf(retained_d30, retained_d30 IS NOT NULL) AS retention_d30,
       avg(churned) AS churn_rate, avg(silent_churned) AS silent_churn_rate
FROM member_retention FINAL
GROUP BY tenant_id, join_via;

CREATE VIEW IF NOT EXISTS retention_by_inviter ${ON_CLUSTER} AS
SELECT tenant_id, platform, group_id, inviter_id,
       count() AS invited,
       countIf(retained_d7 IS NOT NULL) AS eligible_d7, avgIf(retained_d7, retained_d7 IS NOT NULL) AS retention_d7,
       countIf(retained_d30 IS NOT NULL) AS eligible_d30, avgIf(retained_d30, retained_d30 IS NOT NULL) AS retention_d30,
       avg(churned) AS churn_rate, avg(silent_churned) AS silent_churn_rate
FROM member_retention FINAL
WHERE inviter_id != ''
GROUP BY tenant_id, platform, group_id, inviter_id;

CREATE VIEW IF NOT EXISTS retention_by_inviter_tenant ${ON_CLUSTER} AS
SELECT tenant_id, inviter_id,
       count() AS invited, uniqExact(group_id) AS groups,
       countIf(retained_d7 IS NOT NULL) AS eligible_d7, avgIf(retained_d7, retained_d7 IS NOT NULL) AS retention_d7,
       countIf(retained_d30 IS NOT NULL) AS eligible_d30, avgIf(retained_d30, retained_d30 IS NOT NULL) AS retention_d30,
       avg(churned) AS churn_rate, avg(silent_churned) AS silent_churn_rate
FROM member_retention FINAL
WHERE inviter_id != ''
GROUP BY tenant_id, inviter_id;

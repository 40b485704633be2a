-- Each tenant's movement (median of its groups' recent activity against their baselines), as the
-- daily judgement measured it over all of the tenant's groups. A live refresh of a few touched
-- groups reads the latest one instead of reading every group of the tenant again.
CREATE TABLE IF NOT EXISTS tenant_movement_daily ${ON_CLUSTER}
(
  tenant_id String,
  day Date,
  groups UInt32,
  median_message_ratio Nullable(Float64),
  median_active_ratio Nullable(Float64),
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, day);

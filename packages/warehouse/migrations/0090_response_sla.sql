-- Response-time service level of support and sales groups (and any group a tenant chooses): how
-- long members wait for a staff reply, in work hours.

-- settings: the tenant's SLA settings as JSON (target, work hours, groups, acknowledgements),
-- validated by the writer with the same schema the analytics read them with.
CREATE TABLE IF NOT EXISTS tenant_sla_settings ${ON_CLUSTER}
(
  tenant_id String,
  settings String,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(updated_at)
ORDER BY tenant_id;

-- Per group, the waits begun in the window_days local days ending on `day`: how many, answered,
-- answered within the target, still unanswered past it, and the work-hour minutes they took.
CREATE TABLE IF NOT EXISTS group_sla_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  window_days UInt16,
  target_minutes UInt32,
  questions UInt32,
  answered UInt32,
  within_target UInt32,
  overdue UInt32,
  within_share Nullable(Float64),
  p50_minutes Nullable(Float64),
  p90_minutes Nullable(Float64),
  breached UInt8,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, platform, group_id, day);

-- The same per staff member who answered in the window.
CREATE TABLE IF NOT EXISTS staff_sla_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  staff_id String,
  answered UInt32,
  within_target UInt32,
  within_share Nullable(Float64),
  p50_minutes Nullable(Float64),
  p90_minutes Nullable(Float64),
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, platform, group_id, day, staff_id);

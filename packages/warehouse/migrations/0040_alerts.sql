-- Alerts raised by the alerter and every delivery attempt (issue: dashboards, report and alerts).
CREATE TABLE IF NOT EXISTS alerts ${ON_CLUSTER}
(
  alert_id String,
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  group_name String,
  rule LowCardinality(String),
  severity LowCardinality(String),
  day Date,
  title String,
  detail String,
  action String,
  evidence String,
  created_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(created_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, platform, group_id, rule, alert_id);

CREATE TABLE IF NOT EXISTS alert_deliveries ${ON_CLUSTER}
(
  alert_id String,
  channel LowCardinality(String),
  target String,
  attempt UInt32,
  ok UInt8,
  status_code UInt32,
  error String,
  attempted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}MergeTree
PARTITION BY toYYYYMM(attempted_at)
ORDER BY (alert_id, channel, attempted_at);

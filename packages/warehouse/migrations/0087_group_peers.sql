-- Each group's key metrics as percentiles among the tenant's groups of the same purpose and among
-- all of the tenant's groups judged that day: the share of those peers it beats (ties count half).
CREATE TABLE IF NOT EXISTS group_peer_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  purpose LowCardinality(String),
  metric LowCardinality(String),
  value Nullable(Float64),
  purpose_peers UInt32,
  purpose_percentile Nullable(Float64),
  all_peers UInt32,
  all_percentile Nullable(Float64),
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, platform, group_id, day, metric);

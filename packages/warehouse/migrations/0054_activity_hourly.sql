-- Human messages per group per tenant-local day and hour: the hour × weekday heatmap ("when does
-- this community talk?") is summed from it over any range of days. Written by the activity step
-- with the daily rows; an hour that no longer has human messages (a member later flagged as a
-- spammer) is written again as 0, so FINAL always reads the latest count.
CREATE TABLE IF NOT EXISTS group_activity_hourly ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  -- 0–23 in the tenant's time zone
  hour UInt8,
  -- 1 = Monday … 7 = Sunday, of the tenant-local day
  weekday UInt8,
  human_messages UInt32,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, platform, group_id, day, hour);

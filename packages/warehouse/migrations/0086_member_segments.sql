-- Member segments, judged daily per group and per tenant (group_id '' is the tenant-wide view):
-- kol, core, regular, newcomer, lurker, fading, churned, staff, bot (rules in the health README).
CREATE TABLE IF NOT EXISTS member_segment_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  member_id String,
  day Date,
  segment LowCardinality(String),
  -- The numbers the rule read, so a segment can be explained.
  messages_14d UInt32,
  messages_28d UInt32,
  messages_prior_28d UInt32,
  days_28d UInt16,
  last_spoke_day Nullable(Date),
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, platform, group_id, day, member_id);

-- A member's segment changed since the previous judged day ('' in from_segment: first judged).
-- "Who moved where this week" reads the last 7 days of this table.
CREATE TABLE IF NOT EXISTS member_segment_transitions ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  member_id String,
  day Date,
  from_segment LowCardinality(String),
  to_segment LowCardinality(String),
  -- The judged day compared with (the previous one stored).
  from_day Nullable(Date),
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, day, platform, group_id, member_id);

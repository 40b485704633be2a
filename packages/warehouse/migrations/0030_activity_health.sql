-- Activity per group per day (issue: activity, retention and group health).
CREATE TABLE IF NOT EXISTS group_activity_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  members UInt32,
  human_messages UInt32,
  system_messages UInt32,
  ad_messages UInt32,
  red_packet_messages UInt32,
  red_packet_replies UInt32,
  speakers UInt32,
  active_1d UInt32,
  active_7d UInt32,
  active_28d UInt32,
  stickiness Float64,
  lurker_share Float64,
  content_producers UInt32,
  reply_rate Float64,
  median_first_reply_s Float64,
  newcomers UInt32,
  newcomers_welcomed UInt32,
  joins_invite UInt32,
  joins_qr_code UInt32,
  joins_link UInt32,
  joins_admin UInt32,
  joins_unknown UInt32,
  leaves_quit UInt32,
  leaves_removed UInt32,
  leaves_unknown UInt32,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, platform, group_id, day);

-- One row per membership: the base of every retention cut (cohort week, join path, inviter).
CREATE TABLE IF NOT EXISTS member_retention ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  member_id String,
  joined_at DateTime64(3, 'UTC'),
  join_week Date,
  join_via LowCardinality(String),
  inviter_id String,
  left_at Nullable(DateTime64(3, 'UTC')),
  first_spoke_at Nullable(DateTime64(3, 'UTC')),
  last_spoke_at Nullable(DateTime64(3, 'UTC')),
  -- still a member and spoke at least once within the first 1 / 7 / 30 days; NULL when not yet observable
  retained_d1 Nullable(UInt8),
  retained_d7 Nullable(UInt8),
  retained_d30 Nullable(UInt8),
  churned UInt8,
  silent_churned UInt8,
  as_of Date,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, platform, group_id, member_id, joined_at);

-- Group health per day: status, score, reasons with evidence, and the separate series.
CREATE TABLE IF NOT EXISTS group_health_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  group_name String,
  purpose LowCardinality(String),
  created_at DateTime64(3, 'UTC'),
  -- thriving | stable | declining | dying | dead | new
  status LowCardinality(String),
  health_score Float64,
  growth_score Float64,
  retention_score Float64,
  activity_score Float64,
  structure_score Float64,
  members UInt32,
  active_members_7d UInt32,
  messages_7d UInt32,
  -- whole days since the last human message (ads and system messages do not count)
  silent_days UInt32 DEFAULT 0,
  reason_codes Array(LowCardinality(String)),
  reason_details Array(String),
  -- per reason, its evidence numbers as a JSON object, so messages can be rendered in any language
  reason_evidence Array(String) DEFAULT [],
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, platform, group_id, day);

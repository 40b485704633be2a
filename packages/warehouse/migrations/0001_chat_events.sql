-- Every valid chat-event/v1 record, one row per event.
-- ReplacingMergeTree on the idempotency key (tenant, platform, group, event id): importing the same
-- events again inserts rows that merge away; readers that need exact counts use FINAL.
CREATE TABLE IF NOT EXISTS chat_events ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  event_id String,
  type LowCardinality(String),
  member_id String,
  occurred_at DateTime64(3, 'UTC'),
  ingested_at DateTime64(3, 'UTC') DEFAULT now64(3),
  -- message
  message_kind LowCardinality(String) DEFAULT '',
  message_length UInt32 DEFAULT 0,
  message_text String DEFAULT '',
  has_link UInt8 DEFAULT 0,
  text_hash String DEFAULT '',
  reply_to_event_id String DEFAULT '',
  reply_to_member_id String DEFAULT '',
  mentions Array(String) DEFAULT [],
  -- member_joined / member_left
  join_via LowCardinality(String) DEFAULT '',
  inviter_id String DEFAULT '',
  leave_reason LowCardinality(String) DEFAULT '',
  leave_by_id String DEFAULT '',
  -- reaction
  reaction_target_event_id String DEFAULT '',
  reaction_target_member_id String DEFAULT '',
  reaction_emoji String DEFAULT '',
  -- group_created / group_updated
  group_name String DEFAULT '',
  group_owner_id String DEFAULT '',
  group_purpose LowCardinality(String) DEFAULT '',
  -- where the row came from, for tracing and freshness
  source LowCardinality(String) DEFAULT '',
  produced_at DateTime64(3, 'UTC') DEFAULT 0
)
ENGINE = ${REPLICATED}ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, platform, group_id, event_id);

-- Per-group day index for the analytics that scan a group's recent days.
ALTER TABLE chat_events ${ON_CLUSTER} ADD INDEX IF NOT EXISTS idx_occurred occurred_at TYPE minmax GRANULARITY 4;

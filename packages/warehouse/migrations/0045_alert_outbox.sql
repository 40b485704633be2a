-- The alert outbox: one entry per alert and channel, written when the alert is raised and updated
-- by the delivery loop, so a delivery survives restarts and is retried until it succeeds or expires.
-- Every update writes a new row with a higher revision; FINAL reads the latest.
CREATE TABLE IF NOT EXISTS alert_outbox ${ON_CLUSTER}
(
  alert_id String,
  channel LowCardinality(String),
  tenant_id LowCardinality(String),
  group_id String,
  rule LowCardinality(String),
  severity LowCardinality(String),
  language LowCardinality(String),
  alert String,
  state LowCardinality(String),
  attempts UInt32,
  next_attempt_at DateTime64(3, 'UTC'),
  last_error String,
  created_at DateTime64(3, 'UTC'),
  updated_at DateTime64(3, 'UTC'),
  revision UInt32
)
ENGINE = ${REPLICATED}ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(created_at)
ORDER BY (alert_id, channel);

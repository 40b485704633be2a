-- Who asked to erase which member of a tenant, when, and how much was removed (issue: reliability
-- and safety, erasure). The member is kept only as a hash (erasure.ts: memberHash), never the id:
-- the log must not itself hold what was erased. The event store reads it to drop the member's events
-- that arrive after the erasure (a replay of the topic, a late import). An entry is written when the
-- erasure begins and written again with its totals when it ends; FINAL reads the latter.
CREATE TABLE IF NOT EXISTS erasure_log ${ON_CLUSTER}
(
  tenant_id String,
  member_hash String,
  requested_by String,
  via LowCardinality(String),
  requested_at DateTime64(3, 'UTC'),
  rows_removed UInt64,
  rows_redacted UInt64
)
ENGINE = ${REPLICATED}ReplacingMergeTree
ORDER BY (tenant_id, member_hash, requested_at);

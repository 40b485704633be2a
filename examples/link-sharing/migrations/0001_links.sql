-- One row per link shared: the consumer writes it once per (event, url), looking keys up before
-- inserting, so plain counts are exact; ReplacingMergeTree is the second line of defence.
CREATE TABLE IF NOT EXISTS link_sharing_links ${ON_CLUSTER} (
  tenant_id String,
  platform LowCardinality(String),
  group_id String,
  event_id String,
  url String,
  member_id String,
  domain String,
  occurred_at DateTime64(3, 'UTC'),
  stored_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ${REPLICATED}ReplacingMergeTree
ORDER BY (tenant_id, platform, group_id, event_id, url);

-- Per member and day (in the tenant's time zone), rebuilt by the recompute step for the groups the
-- analytics worker refreshes or judges; the latest computation of a day wins.
CREATE TABLE IF NOT EXISTS link_sharing_member_daily ${ON_CLUSTER} (
  tenant_id String,
  platform LowCardinality(String),
  group_id String,
  day Date,
  member_id String,
  links UInt32,
  domains UInt32,
  top_domain String,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, platform, group_id, day, member_id);

-- KOL centrality per member per group, one snapshot per day (issue: member graph and KOL centrality).
CREATE TABLE IF NOT EXISTS member_kol_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  member_id String,
  day Date,
  weighted_in_degree Float64,
  pagerank Float64,
  betweenness Float64,
  -- 'exact' or 'sampled:<k>' (k source nodes), so readers know which they got
  betweenness_mode LowCardinality(String),
  coreness UInt32,
  messages UInt32,
  replies_received UInt32,
  score Float64,
  rank UInt32,
  is_spammer UInt8,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, platform, group_id, day, member_id);

-- The same across a tenant's groups: org-wide KOLs, bridges between groups, spammers.
CREATE TABLE IF NOT EXISTS tenant_kol_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  member_id String,
  day Date,
  groups UInt32,
  weighted_in_degree Float64,
  pagerank Float64,
  betweenness Float64,
  score Float64,
  rank UInt32,
  is_bridge UInt8,
  bridge_groups UInt32,
  is_spammer UInt8,
  messages UInt32,
  replies_received UInt32,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, day, platform, member_id);

-- Group structure, daily: how concentrated the group is and whether it survives its KOLs.
CREATE TABLE IF NOT EXISTS group_structure_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  nodes UInt32,
  edges UInt32,
  -- fewest members who receive 50% of all interaction
  absence_factor UInt32,
  message_gini Float64,
  replied_share Float64,
  reciprocity Float64,
  density Float64,
  largest_component_share Float64,
  -- share of the remaining members still in the largest component after removing the top-1 / top-3 KOLs
  survival_without_top1 Float64,
  survival_without_top3 Float64,
  kol_count UInt32,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, platform, group_id, day);

-- Two views of who holds a community together, both kept: 'current' (30-day half-life) and
-- 'established' (about a year). The horizon joins the sorting key, so the two views of a member on
-- a day never replace each other; rows written before this migration are the current view.
CREATE TABLE IF NOT EXISTS tenant_kol_daily_by_horizon ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  member_id String,
  day Date,
  horizon LowCardinality(String),
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
ORDER BY (tenant_id, day, platform, horizon, member_id);

INSERT INTO tenant_kol_daily_by_horizon
SELECT tenant_id, platform, member_id, day, 'current', groups, weighted_in_degree, pagerank, betweenness, score, rank,
       is_bridge, bridge_groups, is_spammer, messages, replies_received, computed_at
FROM tenant_kol_daily;

EXCHANGE TABLES tenant_kol_daily AND tenant_kol_daily_by_horizon ${ON_CLUSTER};

DROP TABLE IF EXISTS tenant_kol_daily_by_horizon ${ON_CLUSTER};

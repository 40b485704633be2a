-- Fission (裂变): each member's place in the group's invitation trees, and each group's
-- generations, viral coefficients and depth of invitation per day.

-- One row per member and group, fixed by the member's first arrival: generation 0 for members who
-- came on their own (joined = 0 for roots known only as inviters), inviter's generation + 1 for
-- the invited. Kept so a recompute places new arrivals under inviters placed long ago.
CREATE TABLE IF NOT EXISTS member_invitations ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  member_id String,
  joined_at DateTime64(3, 'UTC'),
  joined UInt8,
  inviter_id String,
  generation UInt16,
  root_id String,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, platform, group_id, member_id);

-- Per group and day (arrivals up to the day's as-of): invitations, those at depth >= 3, the
-- deepest generation and the invitation trees.
CREATE TABLE IF NOT EXISTS group_fission_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  members UInt32,
  invitations UInt32,
  deep_invitations UInt32,
  deep_share Nullable(Float64),
  max_depth UInt16,
  trees UInt32,
  largest_tree UInt32,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, platform, group_id, day);

-- Per group, day and generation: members, the viral coefficient (next generation's members per
-- member of this one) and how many of the generation's members stayed (day-7 and day-30 retention
-- of their first membership, among those whose window is over).
CREATE TABLE IF NOT EXISTS fission_generations_daily ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  generation UInt16,
  members UInt32,
  viral_coefficient Nullable(Float64),
  eligible_d7 UInt32,
  retained_d7 UInt32,
  eligible_d30 UInt32,
  retained_d30 UInt32,
  computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, platform, group_id, day, generation);

-- Storage that prunes by time, and the all-history facts the analytics need kept as they arrive
-- (issue: live, incremental analytics).
--
-- chat_events is re-sorted by (tenant, platform, group, day, event id): a window of days for a set
-- of groups reads only those granules. The idempotency key stays the event: a replayed event has
-- the same occurred_at, so it still merges away.
CREATE TABLE IF NOT EXISTS chat_events_by_day ${ON_CLUSTER} AS chat_events
ENGINE = ${REPLICATED}ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, platform, group_id, toDate(occurred_at), event_id);

INSERT INTO chat_events_by_day SELECT * FROM chat_events;

EXCHANGE TABLES chat_events AND chat_events_by_day ${ON_CLUSTER};

DROP TABLE IF EXISTS chat_events_by_day ${ON_CLUSTER};

-- Every derived table below is safe under replays: each is either a set of identical rows keyed by
-- the event (ReplacingMergeTree, read with FINAL or through duplicate-blind aggregates such as
-- uniqExact, min, max, argMax), or min/max states. None counts on insert, so a replayed batch or a
-- redelivery after a crash changes nothing.

-- Which (group, UTC day) each stored batch touched, with when: the analytics worker reads the
-- marks after its durable watermark, so what remains to recompute survives restarts.
CREATE TABLE IF NOT EXISTS group_day_marks ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  day Date,
  marked_at DateTime64(3, 'UTC')
)
ENGINE = ${REPLICATED}MergeTree
ORDER BY marked_at
TTL toDateTime(marked_at) + INTERVAL 90 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS group_day_marks_mv ${ON_CLUSTER} TO group_day_marks AS
SELECT tenant_id, platform, group_id, toDate(occurred_at) AS day, now64(3) AS marked_at
FROM chat_events GROUP BY tenant_id, platform, group_id, day;

-- Who wrote each message: replies and reactions name only the target's id on some platforms.
CREATE TABLE IF NOT EXISTS message_authors ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  event_id String,
  member_id String,
  message_kind LowCardinality(String),
  occurred_at DateTime64(3, 'UTC')
)
ENGINE = ${REPLICATED}ReplacingMergeTree
ORDER BY (tenant_id, platform, group_id, event_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS message_authors_mv ${ON_CLUSTER} TO message_authors AS
SELECT tenant_id, platform, group_id, event_id, member_id, message_kind, occurred_at
FROM chat_events WHERE type = 'message';

-- Link texts by the groups they were posted in, and when first: a text repeated across a
-- tenant's groups is an ad. One row per (text, group) once merged, however often it was posted.
CREATE TABLE IF NOT EXISTS link_texts ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  h String,
  group_id String,
  first_at SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
)
ENGINE = ${REPLICATED}AggregatingMergeTree
ORDER BY (tenant_id, h, group_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS link_texts_mv ${ON_CLUSTER} TO link_texts AS
SELECT tenant_id, h, group_id, min(occurred_at) AS first_at FROM (
  SELECT tenant_id, group_id, occurred_at,
         if(text_hash != '', text_hash, if(message_text != '', hex(cityHash64(lower(trimBoth(message_text)))), '')) AS h
  FROM chat_events WHERE type = 'message' AND has_link = 1
) WHERE h != '' GROUP BY tenant_id, h, group_id;

-- Joins and leaves, one row per event: membership state and retention read these, not the history.
CREATE TABLE IF NOT EXISTS membership_events ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  member_id String,
  occurred_at DateTime64(3, 'UTC'),
  event_id String,
  type LowCardinality(String),
  join_via LowCardinality(String),
  inviter_id String,
  leave_reason LowCardinality(String)
)
ENGINE = ${REPLICATED}ReplacingMergeTree
ORDER BY (tenant_id, platform, group_id, member_id, occurred_at, event_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS membership_events_mv ${ON_CLUSTER} TO membership_events AS
SELECT tenant_id, platform, group_id, member_id, occurred_at, event_id, type, join_via, inviter_id, leave_reason
FROM chat_events WHERE type IN ('member_joined', 'member_left') AND member_id != '';

-- When each member was first seen in each group (a member counts from their first event).
CREATE TABLE IF NOT EXISTS member_first_seen ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  member_id String,
  first_at SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
)
ENGINE = ${REPLICATED}AggregatingMergeTree
ORDER BY (tenant_id, platform, group_id, member_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS member_first_seen_mv ${ON_CLUSTER} TO member_first_seen AS
SELECT tenant_id, platform, group_id, member_id, min(occurred_at) AS first_at
FROM chat_events WHERE member_id != '' GROUP BY tenant_id, platform, group_id, member_id;

-- Each group's name, purpose and beginning (its group_created event, else its first event).
CREATE TABLE IF NOT EXISTS group_registry ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  first_at SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
  created_at SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
  last_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
  name AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
  purpose AggregateFunction(argMax, String, DateTime64(3, 'UTC'))
)
ENGINE = ${REPLICATED}AggregatingMergeTree
ORDER BY (tenant_id, platform, group_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS group_registry_mv ${ON_CLUSTER} TO group_registry AS
SELECT tenant_id, platform, group_id,
       min(occurred_at) AS first_at,
       if(countIf(type = 'group_created') > 0, minIf(occurred_at, type = 'group_created'), toDateTime64('2299-12-31 00:00:00', 3, 'UTC')) AS created_at,
       max(occurred_at) AS last_at,
       argMaxStateIf(group_name, occurred_at, group_name != '') AS name,
       argMaxStateIf(group_purpose, occurred_at, group_purpose != '') AS purpose
FROM chat_events GROUP BY tenant_id, platform, group_id;

-- The last human message per group, kept by the analytics (classification needs the ad rules).
CREATE TABLE IF NOT EXISTS group_last_human ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  platform LowCardinality(String),
  group_id String,
  last_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = ${REPLICATED}AggregatingMergeTree
ORDER BY (tenant_id, platform, group_id);

-- Tenant settings: the IANA time zone that decides where a tenant's days begin.
CREATE TABLE IF NOT EXISTS tenant_settings ${ON_CLUSTER}
(
  tenant_id String,
  time_zone String,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(updated_at)
ORDER BY tenant_id;

-- Durable progress of the analytics: the last mark consumed, and per tenant the last day judged.
CREATE TABLE IF NOT EXISTS analytics_watermarks ${ON_CLUSTER}
(
  name String,
  tenant_id String,
  value Int64,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(updated_at)
ORDER BY (name, tenant_id);

-- Backfill the facts from what an existing store already holds, once.
INSERT INTO message_authors SELECT tenant_id, platform, group_id, event_id, member_id, message_kind, occurred_at
FROM chat_events FINAL WHERE type = 'message';

INSERT INTO link_texts SELECT tenant_id, h, group_id, min(occurred_at) FROM (
  SELECT tenant_id, group_id, occurred_at,
         if(text_hash != '', text_hash, if(message_text != '', hex(cityHash64(lower(trimBoth(message_text)))), '')) AS h
  FROM chat_events FINAL WHERE type = 'message' AND has_link = 1
) WHERE h != '' GROUP BY tenant_id, h, group_id;

INSERT INTO membership_events SELECT tenant_id, platform, group_id, member_id, occurred_at, event_id, type, join_via, inviter_id, leave_reason
FROM chat_events FINAL WHERE type IN ('member_joined', 'member_left') AND member_id != '';

INSERT INTO member_first_seen SELECT tenant_id, platform, group_id, member_id, min(occurred_at)
FROM chat_events WHERE member_id != '' GROUP BY tenant_id, platform, group_id, member_id;

INSERT INTO group_registry SELECT tenant_id, platform, group_id, min(occurred_at),
       if(countIf(type = 'group_created') > 0, minIf(occurred_at, type = 'group_created'), toDateTime64('2299-12-31 00:00:00', 3, 'UTC')),
       max(occurred_at),
       argMaxStateIf(group_name, occurred_at, group_name != ''), argMaxStateIf(group_purpose, occurred_at, group_purpose != '')
FROM chat_events FINAL GROUP BY tenant_id, platform, group_id;

-- Every group-day the store holds is a mark, so the analytics pick up an existing store once.
INSERT INTO group_day_marks SELECT tenant_id, platform, group_id, toDate(occurred_at) AS day, now64(3)
FROM chat_events GROUP BY tenant_id, platform, group_id, day;

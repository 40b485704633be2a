-- One person across platforms. Events may carry the platform's strong identity signals (a union
-- id, the hash of a verified e-mail or phone); they are kept per member as they arrive. A tenant's
-- links between member ids live in identity_links: given by the tenant (a file, the API) or
-- suggested from a shared strong signal, then reviewed (suggested → accepted / rejected) and
-- undone by writing a later state. Tenant-wide numbers read members through member_persons.
ALTER TABLE chat_events ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS identity_union_id String DEFAULT '',
  ADD COLUMN IF NOT EXISTS identity_email_hash String DEFAULT '',
  ADD COLUMN IF NOT EXISTS identity_phone_hash String DEFAULT '';

-- A set keyed by the signal: a replayed event changes nothing. Keyed by group too, so on a cluster
-- its rows live where the events that carried them do.
CREATE TABLE IF NOT EXISTS member_identity_signals ${ON_CLUSTER}
(
  tenant_id LowCardinality(String),
  group_id String,
  signal LowCardinality(String),
  value String,
  platform LowCardinality(String),
  member_id String,
  first_seen DateTime64(3, 'UTC')
)
ENGINE = ${REPLICATED}ReplacingMergeTree
ORDER BY (tenant_id, group_id, signal, value, platform, member_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS member_identity_signals_mv ${ON_CLUSTER} TO member_identity_signals AS
SELECT tenant_id, group_id, s.1 AS signal, s.2 AS value, platform, member_id, occurred_at AS first_seen
FROM chat_events
ARRAY JOIN [('union_id', identity_union_id), ('email_hash', identity_email_hash), ('phone_hash', identity_phone_hash)] AS s
WHERE s.2 != '' AND member_id != '';

-- state: 'suggested', 'accepted', 'rejected' or 'undone'; the latest write per (person, member) wins.
-- source: 'file', 'api', or the signal a suggestion came from ('union_id', 'email_hash', 'phone_hash').
CREATE TABLE IF NOT EXISTS identity_links ${ON_CLUSTER}
(
  tenant_id String,
  person_id String,
  platform LowCardinality(String),
  member_id String,
  state LowCardinality(String),
  source LowCardinality(String),
  updated_at DateTime64(3, 'UTC')
)
ENGINE = ${REPLICATED}ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, person_id, platform, member_id);

-- Each member's person, from accepted links only (one per member: the latest accepted).
CREATE VIEW IF NOT EXISTS member_persons ${ON_CLUSTER} AS
SELECT tenant_id, platform, member_id, argMax(person_id, updated_at) AS person_id
FROM identity_links FINAL
WHERE state = 'accepted'
GROUP BY tenant_id, platform, member_id;

-- Tenant-wide KOLs by person: a person linked across platforms is one row, with the strongest of
-- their ranks (scores are per platform graph, so they are not added), their groups, messages and
-- replies summed, and flagged a spammer only when every one of their ids is. An unlinked member is
-- their own person, shown by their member id.
CREATE VIEW IF NOT EXISTS tenant_kol_people ${ON_CLUSTER} AS
SELECT k.tenant_id AS tenant_id, k.day AS day, k.horizon AS horizon,
       if(p.person_id != '', p.person_id, k.member_id) AS person,
       if(p.person_id != '', '', k.platform) AS person_platform,
       arraySort(groupUniqArray(toString(k.platform))) AS platforms,
       arraySort(groupArray(concat(k.platform, ':', k.member_id))) AS member_ids,
       max(k.score) AS score, max(k.pagerank) AS pagerank, max(k.betweenness) AS betweenness,
       minIf(k.rank, k.rank > 0) AS best_rank, sum(k.groups) AS groups,
       max(k.is_bridge) AS is_bridge, sum(k.bridge_groups) AS bridge_groups, min(k.is_spammer) AS is_spammer,
       sum(k.messages) AS messages, sum(k.replies_received) AS replies_received
FROM tenant_kol_daily AS k FINAL
LEFT JOIN member_persons AS p ON p.tenant_id = k.tenant_id AND p.platform = k.platform AND p.member_id = k.member_id
GROUP BY tenant_id, day, horizon, person, person_platform;

-- Memberships with the person they belong to: a linked person's id, or platform:member for an
-- unlinked member (its own person). Every tenant-wide count by person reads this.
CREATE VIEW IF NOT EXISTS member_retention_persons ${ON_CLUSTER} AS
SELECT r.tenant_id AS tenant_id, r.platform AS platform, r.group_id AS group_id, r.member_id AS member_id,
       if(p.person_id != '', concat('person:', p.person_id), concat(r.platform, ':', r.member_id)) AS person,
       r.joined_at AS joined_at, r.join_week AS join_week, r.left_at AS left_at, r.first_spoke_at AS first_spoke_at,
       r.retained_d1 AS retained_d1, r.retained_d7 AS retained_d7, r.retained_d30 AS retained_d30, r.churned AS churned
FROM member_retention AS r FINAL
LEFT JOIN member_persons AS p ON p.tenant_id = r.tenant_id AND p.platform = r.platform AND p.member_id = r.member_id;

-- Tenant-wide retention by person: a person joins the tenant in the week of their first
-- membership anywhere; they are retained at day N when any membership of that week is, and have
-- churned only when every membership has. Counts people, not memberships.
CREATE VIEW IF NOT EXISTS retention_by_cohort_people ${ON_CLUSTER} AS
SELECT tenant_id, join_week, count() AS people,
       countIf(d1 IS NOT NULL) AS eligible_d1, avgIf(d1, d1 IS NOT NULL) AS retention_d1,
       countIf(d7 IS NOT NULL) AS eligible_d7, avgIf(d7, d7 IS NOT NULL) AS retention_d7,
       countIf(d30 IS NOT NULL) AS eligible_d30, avgIf(d30, d30 IS NOT NULL) AS retention_d30,
       avg(all_churned) AS churn_rate
FROM (
  -- Tuples keep argMin from skipping a first week whose retention is not yet observable (NULL).
  SELECT tenant_id, person, min(wk) AS join_week,
         argMin(tuple(w_d1), wk).1 AS d1, argMin(tuple(w_d7), wk).1 AS d7, argMin(tuple(w_d30), wk).1 AS d30,
         min(w_churned) AS all_churned
  FROM (
    SELECT tenant_id, person, join_week AS wk,
           max(retained_d1) AS w_d1, max(retained_d7) AS w_d7, max(retained_d30) AS w_d30, min(churned) AS w_churned
    FROM member_retention_persons
    GROUP BY tenant_id, person, wk
  )
  GROUP BY tenant_id, person
)
GROUP BY tenant_id, join_week;

-- What a tenant tells qunpulse about itself beyond its time zone: the accounts that are its own
-- staff or bots (never ranked as KOLs), and its holiday calendar (days its groups go quiet together).
-- Both are settings, replaced as a whole by the latest write.

-- role: 'staff', 'bot', or '' once the account is no longer listed.
CREATE TABLE IF NOT EXISTS tenant_accounts ${ON_CLUSTER}
(
  tenant_id String,
  member_id String,
  role LowCardinality(String),
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, member_id);

-- calendar: the tenant's holiday calendar as JSON (built-in holidays that apply, its own ranges),
-- validated by the writer with the same schema the health rules read it with.
CREATE TABLE IF NOT EXISTS tenant_calendars ${ON_CLUSTER}
(
  tenant_id String,
  calendar String,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${REPLICATED}ReplacingMergeTree(updated_at)
ORDER BY tenant_id;

-- A group with fewer judged waits than its tenant's minimum is neither keeping nor breaking its
-- service level: `judged` says whether there were enough. Rows written before it keep the verdict
-- they were shown with.
ALTER TABLE group_sla_daily ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS judged UInt8 DEFAULT 1 AFTER breached;

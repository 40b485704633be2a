-- Staff and bots apart from the community. Bot messages (listed, named like a bot, or detected by
-- behaviour) count in no metric; staff messages count apart from the members'. The KOL snapshots
-- keep which accounts the graph recognised as bots by behaviour, so every later metric excludes them.
ALTER TABLE group_activity_daily ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS staff_messages UInt32 DEFAULT 0 AFTER human_messages;
ALTER TABLE group_activity_daily ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS bot_messages UInt32 DEFAULT 0 AFTER staff_messages;
ALTER TABLE member_kol_daily ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS is_bot UInt8 DEFAULT 0 AFTER is_spammer;
ALTER TABLE tenant_kol_daily ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS is_bot UInt8 DEFAULT 0 AFTER is_spammer;

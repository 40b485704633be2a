// What fission reads: arrivals from the membership facts, placements kept by earlier recomputes,
// and how each first membership fared (member_retention).
import { IN_GROUPS } from '../activity/scope.js';

const KEY = 'tenant_id, platform, group_id';
const AS_OF = `fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')`;

export const ARRIVALS = `
  SELECT ${KEY}, member_id, toUnixTimestamp64Milli(occurred_at) AS joined_at, if(join_via = 'invite', inviter_id, '') AS inviter_id
  FROM membership_events FINAL
  WHERE ${IN_GROUPS} AND type = 'member_joined' AND occurred_at <= ${AS_OF}
    AND occurred_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`;

/** Placements of members who arrived before the window (the window's arrivals are placed again). */
export const KEPT_PLACEMENTS = `
  SELECT ${KEY}, member_id, toUnixTimestamp64Milli(joined_at) AS joined_ms, joined, inviter_id, generation, root_id
  FROM member_invitations FINAL
  WHERE ${IN_GROUPS} AND joined_at < fromUnixTimestamp64Milli({since:Int64}, 'UTC')`;

/** Each member's first membership up to as-of: whether they stayed at day 7 and day 30 (null: too early to tell). */
export const FIRST_MEMBERSHIP_RETENTION = `
  SELECT ${KEY}, member_id, argMin(retained_d7, joined_at) AS d7, argMin(retained_d30, joined_at) AS d30
  FROM member_retention FINAL
  WHERE ${IN_GROUPS} AND joined_at <= ${AS_OF}
  GROUP BY ${KEY}, member_id`;

// Fission (裂变): how groups grow through invitations, generation by generation. Generation 0 came
// on their own; an invitee of generation g is generation g + 1. The rows come from the analytics'
// fission step (viral coefficients, depth, retention by generation); these panels choose and label them.
import { optionalGroupScope, tenantScope } from './scope.js';
import type { PanelDef } from './types.js';

/** Each group's latest fission day. */
const LATEST = (table: string) => `(platform, group_id, day) IN (
  SELECT platform, group_id, max(day) FROM ${table} WHERE ${tenantScope()} GROUP BY platform, group_id)`;

export const fissionMembersByGeneration: PanelDef = {
  id: 'fission_members_by_generation',
  title: 'Members by invitation generation',
  description: 'How many members each generation holds across the selected groups: generation 0 came on their own, generation 1 was invited by them, and so on.',
  viz: { kind: 'bar', x: 'generation', series: ['members'] },
  sql: `SELECT generation, sum(members) AS members
FROM fission_generations_daily FINAL
WHERE ${optionalGroupScope()} AND ${LATEST('fission_generations_daily')}
GROUP BY generation
ORDER BY generation`,
  columns: ['generation', 'members'],
  width: 10,
};

export const fissionGenerations: PanelDef = {
  id: 'fission_generations',
  title: 'Viral coefficient and retention by generation',
  description: 'Per group and generation: members, the viral coefficient (members of the next generation per member of this one) and the share of the generation still here and speaking 7 and 30 days after joining.',
  viz: { kind: 'table' },
  sql: `SELECT group_id, generation, members, viral_coefficient,
  if(eligible_d7 = 0, NULL, round(retained_d7 / eligible_d7, 3)) AS retained_day_7,
  if(eligible_d30 = 0, NULL, round(retained_d30 / eligible_d30, 3)) AS retained_day_30
FROM fission_generations_daily FINAL
WHERE ${optionalGroupScope()} AND ${LATEST('fission_generations_daily')}
ORDER BY group_id, generation
LIMIT 500`,
  columns: ['group_id', 'generation', 'members', 'viral_coefficient', 'retained_day_7', 'retained_day_30'],
  width: 14,
};

export const fissionDepth: PanelDef = {
  id: 'fission_depth',
  title: 'Invitations at depth 3 or more',
  description: 'Share of invitations that reached the third generation or beyond. Long-lived WeChat groups have about 10%, short-lived ones about 1% (474,726 groups studied).',
  viz: { kind: 'timeseries', time: 'time', series: ['deep_share'], unit: 'percentunit' },
  sql: `SELECT toDateTime(day) AS time, round(sum(deep_invitations) / greatest(sum(invitations), 1), 3) AS deep_share
FROM group_fission_daily FINAL
WHERE ${optionalGroupScope()} AND $__timeFilter(day)
GROUP BY day
ORDER BY day`,
  columns: ['time', 'deep_share'],
  width: 12,
};

export const fissionByGroup: PanelDef = {
  id: 'fission_by_group',
  title: 'Fission by group',
  description: 'Per group: invitations, the share at depth 3 or more, the deepest generation, how many invitation trees grew and the largest, beside the group\'s health.',
  viz: { kind: 'table' },
  sql: `SELECT f.group_id AS group_id, f.invitations AS invitations, f.deep_share AS deep_share, f.max_depth AS deepest_generation,
  f.trees AS trees, f.largest_tree AS largest_tree, h.status AS status
FROM (SELECT * FROM group_fission_daily FINAL WHERE ${optionalGroupScope()} AND ${LATEST('group_fission_daily')}) AS f
LEFT JOIN (
  SELECT platform, group_id, argMax(status, day) AS status FROM group_health_daily FINAL WHERE ${tenantScope()} GROUP BY platform, group_id
) AS h ON h.platform = f.platform AND h.group_id = f.group_id
WHERE f.invitations > 0
ORDER BY f.invitations DESC, group_id
LIMIT 200`,
  columns: ['group_id', 'invitations', 'deep_share', 'deepest_generation', 'trees', 'largest_tree', 'status'],
  width: 12,
};

export const fissionInviters: PanelDef = {
  id: 'fission_inviters',
  title: 'Invitee retention by inviter',
  description: 'Who brings members that stay: per inviter and group, the inviter\'s own generation, how many they invited and the share of their invitees still here and speaking 7 and 30 days after joining.',
  viz: { kind: 'table' },
  sql: `SELECT i.inviter_id AS inviter_id, i.group_id AS group_id, min(i.generation) - 1 AS inviter_generation, count() AS invited,
  round(avgIf(r.d7, r.d7 IS NOT NULL), 3) AS retained_day_7, round(avgIf(r.d30, r.d30 IS NOT NULL), 3) AS retained_day_30
FROM (SELECT * FROM member_invitations FINAL WHERE ${optionalGroupScope()} AND inviter_id != '') AS i
LEFT JOIN (
  SELECT platform, group_id, member_id, argMin(retained_d7, joined_at) AS d7, argMin(retained_d30, joined_at) AS d30
  FROM member_retention FINAL WHERE ${optionalGroupScope()} GROUP BY platform, group_id, member_id
) AS r ON r.platform = i.platform AND r.group_id = i.group_id AND r.member_id = i.member_id
GROUP BY i.inviter_id, i.group_id
ORDER BY invited DESC, inviter_id
LIMIT 100`,
  columns: ['inviter_id', 'group_id', 'inviter_generation', 'invited', 'retained_day_7', 'retained_day_30'],
  width: 12,
};

// Retention cuts: by join week, by join path, by inviter, and the member survival curve.
import { optionalGroupScope } from './scope.js';
import type { PanelDef } from './types.js';

export const retentionByWeek: PanelDef = {
  id: 'retention_by_week',
  title: 'Retention by join week',
  description: 'Share of each week\'s joiners still here and speaking after 1, 7 and 30 days.',
  viz: { kind: 'timeseries', time: 'time', series: ['d1', 'd7', 'd30'], unit: 'percentunit' },
  sql: `SELECT toDateTime(join_week) AS time,
  round(avg(retained_d1), 3) AS d1, round(avg(retained_d7), 3) AS d7, round(avg(retained_d30), 3) AS d30
FROM member_retention FINAL
WHERE ${optionalGroupScope()} AND $__timeFilter(join_week)
GROUP BY join_week
ORDER BY join_week`,
  columns: ['time', 'd1', 'd7', 'd30'],
};

export const peopleRetentionByWeek: PanelDef = {
  id: 'people_retention_by_week',
  title: 'Tenant retention by person',
  description: 'People new to the tenant each week (a person linked across platforms counted once, in the week they first joined anywhere) and the share still here and speaking after 1, 7 and 30 days in any of their groups.',
  viz: { kind: 'table' },
  sql: `SELECT toDateTime(join_week) AS time, people AS members,
  round(retention_d1, 3) AS d1, round(retention_d7, 3) AS d7, round(retention_d30, 3) AS d30
FROM retention_by_cohort_people
WHERE tenant_id = '\${tenant}' AND $__timeFilter(join_week)
ORDER BY join_week`,
  columns: ['time', 'members', 'd1', 'd7', 'd30'],
};

export const retentionByPath: PanelDef = {
  id: 'retention_by_path',
  title: 'Retention by join path',
  description: 'Members invited by someone stay longer than members who scanned a QR code with no threshold.',
  viz: { kind: 'bar', x: 'join_via', series: ['d1', 'd7', 'd30'], unit: 'percentunit' },
  sql: `SELECT join_via, round(avg(retained_d1), 3) AS d1, round(avg(retained_d7), 3) AS d7, round(avg(retained_d30), 3) AS d30
FROM member_retention FINAL
WHERE ${optionalGroupScope()}
GROUP BY join_via
ORDER BY join_via`,
  columns: ['join_via', 'd1', 'd7', 'd30'],
};

export const retentionByInviter: PanelDef = {
  id: 'retention_by_inviter',
  title: 'Retention by inviter',
  description: 'Who brings members that stay: invitations per inviter and how many of them are still active.',
  viz: { kind: 'table' },
  sql: `SELECT inviter_id, count() AS invited, round(avg(retained_d7), 3) AS d7, round(avg(retained_d30), 3) AS d30,
  round(avg(churned), 3) AS churned_share
FROM member_retention FINAL
WHERE ${optionalGroupScope()} AND inviter_id != ''
GROUP BY inviter_id
ORDER BY invited DESC
LIMIT 100`,
  columns: ['inviter_id', 'invited', 'd7', 'd30', 'churned_share'],
  width: 24,
};

export const memberSurvival: PanelDef = {
  id: 'member_survival',
  title: 'Member survival',
  description: 'Share of members still in the group N days after joining, among members who joined at least N days ago.',
  viz: { kind: 'bar', x: 'days_since_join', series: ['still_member'], unit: 'percentunit' },
  sql: `SELECT toString(d) AS days_since_join,
  round(countIf(left_at IS NULL OR dateDiff('day', joined_at, left_at) >= d) / count(), 3) AS still_member
FROM member_retention FINAL ARRAY JOIN range(0, 61, 5) AS d
WHERE ${optionalGroupScope()} AND dateDiff('day', joined_at, toDateTime(as_of, 'UTC')) >= d
GROUP BY d
ORDER BY d`,
  columns: ['days_since_join', 'still_member'],
};

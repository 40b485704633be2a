// Tenant overview: how many groups are in each state, which are dying and why, how long groups live.
import { groupsScope, tenantScope } from './scope.js';
import type { PanelDef } from './types.js';

export const groupsByStatus: PanelDef = {
  id: 'groups_by_status',
  title: 'Groups by status',
  description: 'How many groups were thriving, stable, declining, dying, dead or new on each day.',
  viz: { kind: 'timeseries', time: 'time', series: ['thriving', 'stable', 'declining', 'dying', 'dead', 'new'], stacked: true },
  sql: `SELECT toDateTime(day) AS time,
  countIf(status = 'thriving') AS thriving, countIf(status = 'stable') AS stable,
  countIf(status = 'declining') AS declining, countIf(status = 'dying') AS dying,
  countIf(status = 'dead') AS dead, countIf(status = 'new') AS new
FROM group_health_daily FINAL
WHERE ${groupsScope()} AND $__timeFilter(day)
GROUP BY day
ORDER BY day`,
  columns: ['time', 'thriving', 'stable', 'declining', 'dying', 'dead', 'new'],
  width: 14,
};

export const dyingGroups: PanelDef = {
  id: 'dying_groups',
  title: 'Groups in trouble, and why',
  description: 'Groups that are dying, declining or dead on the latest day, worst first, with the reasons the health model found.',
  viz: { kind: 'table' },
  sql: `SELECT group_id, group_name, purpose, status, round(health_score, 1) AS score, members,
  active_members_7d, messages_7d,
  if(empty(reason_details), arrayStringConcat(reason_codes, ', '), arrayStringConcat(reason_details, '; ')) AS reasons
FROM group_health_daily FINAL
WHERE ${groupsScope()}
  AND day = (SELECT max(day) FROM group_health_daily WHERE ${tenantScope()})
  AND status IN ('dying', 'declining', 'dead')
ORDER BY multiIf(status = 'dying', 0, status = 'declining', 1, 2), score
LIMIT 100`,
  columns: ['group_id', 'group_name', 'purpose', 'status', 'score', 'members', 'active_members_7d', 'messages_7d', 'reasons'],
  width: 24,
  height: 10,
};

export const groupSurvival: PanelDef = {
  id: 'group_survival',
  title: 'Group survival by age',
  description: 'Share of groups not yet dead N weeks after they were created, among groups old enough to be observed that long.',
  viz: { kind: 'bar', x: 'weeks_since_created', series: ['alive_share'], unit: 'percentunit' },
  sql: `WITH g AS (
  SELECT platform, group_id, toDate(min(created_at)) AS created, max(day) AS last_day,
    countIf(status = 'dead') > 0 AS died, minIf(day, status = 'dead') AS died_day
  FROM group_health_daily FINAL
  WHERE ${groupsScope()}
  GROUP BY platform, group_id
)
SELECT toString(w) AS weeks_since_created,
  round(countIf(NOT died OR dateDiff('week', created, died_day) > w) / count(), 3) AS alive_share
FROM g ARRAY JOIN range(0, 27) AS w
WHERE dateDiff('week', created, last_day) >= w
GROUP BY w
ORDER BY w`,
  columns: ['weeks_since_created', 'alive_share'],
  width: 10,
};

export const latestHealth: PanelDef = {
  id: 'latest_health',
  title: 'Every group on the latest day',
  description: 'Status, health score and its parts for each group: growth, retention, activity and structure are scored separately.',
  viz: { kind: 'table' },
  sql: `SELECT group_id, group_name, purpose, status, round(health_score, 1) AS score,
  round(growth_score, 1) AS growth, round(retention_score, 1) AS retention,
  round(activity_score, 1) AS activity, round(structure_score, 1) AS structure, members
FROM group_health_daily FINAL
WHERE ${groupsScope()}
  AND day = (SELECT max(day) FROM group_health_daily WHERE ${tenantScope()})
ORDER BY score DESC
LIMIT 500`,
  columns: ['group_id', 'group_name', 'purpose', 'status', 'score', 'growth', 'retention', 'activity', 'structure', 'members'],
  width: 24,
  height: 10,
};

export const recentAlerts: PanelDef = {
  id: 'recent_alerts',
  title: 'Alerts and their delivery',
  description: 'What the alerter raised, and whether each reached its chat apps: delivered, failed attempts (after retries), held in quiet hours, last error.',
  viz: { kind: 'table' },
  sql: `SELECT toString(a.day) AS alert_day, a.group_id AS group_id, a.group_name AS group_name, a.rule AS rule,
  a.severity AS severity, a.title AS title, a.action AS action,
  countIf(d.ok = 1) AS delivered, countIf(d.ok = 0 AND d.attempt > 0) AS failed_attempts, countIf(d.attempt = 0 AND d.alert_id != '') AS held,
  argMax(d.error, d.attempted_at) AS last_error
FROM (SELECT * FROM alerts FINAL) AS a
LEFT JOIN alert_deliveries AS d ON d.alert_id = a.alert_id
WHERE ${groupsScope('a')} AND $__timeFilter(a.day)
GROUP BY a.day, a.group_id, a.group_name, a.rule, a.severity, a.title, a.action
ORDER BY a.day DESC, a.severity, a.group_id
LIMIT 200`,
  columns: ['alert_day', 'group_id', 'group_name', 'rule', 'severity', 'title', 'action', 'delivered', 'failed_attempts', 'held', 'last_error'],
  width: 24,
  height: 10,
};

// Response times of support and sales groups (and the groups a tenant chose): how long members
// wait for a staff reply in work hours, per group and per staff member, and whether the service
// level holds. The rows come from the analytics' SLA step; these panels only choose and label them.
import { optionalGroupScope, tenantScope } from './scope.js';
import type { PanelDef } from './types.js';

/** Each measured group's latest day. */
const LATEST = (table: string) => `(platform, group_id, day) IN (
  SELECT platform, group_id, max(day) FROM ${table} WHERE ${tenantScope()} GROUP BY platform, group_id)`;

export const slaByGroup: PanelDef = {
  id: 'sla_by_group',
  title: 'Response times by group (last 7 days, work-hour minutes)',
  description: 'Member messages waiting for a staff reply, how many were answered within the target, the median and 90th-percentile wait, and whether the group keeps its service level (judged once enough waits were answered or overdue). Acknowledgements ("谢谢", "OK", a thumbs-up) neither ask nor answer.',
  viz: { kind: 'table' },
  sql: `SELECT group_id, toString(day) AS day, questions, answered, overdue,
  within_share AS answered_in_time, p50_minutes AS median_wait_minutes, p90_minutes AS p90_wait_minutes,
  target_minutes, multiIf(breached = 1, 'broken', judged = 1, 'met', 'too few waits') AS service_level
FROM group_sla_daily FINAL
WHERE ${optionalGroupScope()} AND ${LATEST('group_sla_daily')}
ORDER BY breached DESC, answered_in_time, group_id
LIMIT 200`,
  columns: ['group_id', 'day', 'questions', 'answered', 'overdue', 'answered_in_time', 'median_wait_minutes', 'p90_wait_minutes', 'target_minutes', 'service_level'],
  width: 24,
};

export const slaOverTime: PanelDef = {
  id: 'sla_over_time',
  title: 'Share answered in time',
  description: 'Of the waits that could be judged (answered, or unanswered past the target), the share answered within the target, over the 7 days ending each day, across the selected groups.',
  viz: { kind: 'timeseries', time: 'time', series: ['answered_in_time'], unit: 'percentunit' },
  sql: `SELECT toDateTime(day) AS time, round(sum(within_target) / greatest(sum(answered + overdue), 1), 3) AS answered_in_time
FROM group_sla_daily FINAL
WHERE ${optionalGroupScope()} AND $__timeFilter(day)
GROUP BY day
ORDER BY day`,
  columns: ['time', 'answered_in_time'],
  width: 12,
};

export const slaByStaff: PanelDef = {
  id: 'sla_by_staff',
  title: 'Response times by staff member',
  description: 'Each staff member\'s answers in each group over the last 7 days: how many, the share within the target, the median and 90th-percentile wait of the members they answered.',
  viz: { kind: 'table' },
  sql: `SELECT staff_id, group_id, answered, within_share AS answered_in_time,
  p50_minutes AS median_wait_minutes, p90_minutes AS p90_wait_minutes
FROM staff_sla_daily FINAL
WHERE ${optionalGroupScope()} AND ${LATEST('staff_sla_daily')}
ORDER BY answered DESC, staff_id, group_id
LIMIT 200`,
  columns: ['staff_id', 'group_id', 'answered', 'answered_in_time', 'median_wait_minutes', 'p90_wait_minutes'],
  width: 12,
};

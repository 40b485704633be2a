// When a community talks: human messages by hour of the day and day of the week, in the tenant's
// own time zone, over the selected range. Each cell is a share of the busiest cell, so groups of
// any size read alike (100% = the busiest hour of the week).
import { groupScope, groupsScope } from './scope.js';
import type { PanelDef } from './types.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The 24 × 7 grid of the rows `scope` selects: one row per hour (hours without messages included), a column per weekday. */
function hourWeekdaySql(scope: string): string {
  const cells = WEEKDAYS.map((d, i) => `if(any(peak) > 0, round(sumIf(c, weekday = ${i + 1}) / any(peak), 3), 0) AS ${d}`).join(',\n    ');
  return `SELECT concat(leftPad(toString(hour), 2, '0'), ':00') AS hour_of_day, ${WEEKDAYS.join(', ')}
FROM (
  SELECT hour,
    ${cells}
  FROM (
    SELECT hour, weekday, c, max(c) OVER () AS peak
    FROM (
      SELECT hour, weekday, sum(human_messages) AS c
      FROM group_activity_hourly FINAL
      WHERE ${scope} AND $__timeFilter(day)
      GROUP BY hour, weekday))
  GROUP BY hour
  ORDER BY hour WITH FILL FROM 0 TO 24)`;
}

const COLUMNS = ['hour_of_day', ...WEEKDAYS];

export const groupHourWeekday: PanelDef = {
  id: 'group_hour_weekday',
  title: 'When this group talks',
  description: "Human messages by hour and weekday in the tenant's time zone, as a share of the busiest hour: plan announcements and events for the dark cells, not the empty ones.",
  viz: { kind: 'grid', x: 'hour_of_day', buckets: [...WEEKDAYS] },
  sql: hourWeekdaySql(groupScope()),
  columns: COLUMNS,
  width: 24,
  height: 14,
};

export const tenantHourWeekday: PanelDef = {
  id: 'tenant_hour_weekday',
  title: 'When the community talks',
  description: "Human messages of every selected group by hour and weekday in the tenant's time zone, as a share of the busiest hour.",
  viz: { kind: 'grid', x: 'hour_of_day', buckets: [...WEEKDAYS] },
  sql: hourWeekdaySql(groupsScope()),
  columns: COLUMNS,
  width: 24,
  height: 14,
};

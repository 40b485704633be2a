// Member segments: where a group's members stand on the latest judged day, who moved where in the
// week before it, and how the tenant's members across its groups shift over time.
import { SEGMENTS } from '@qunpulse/health';
import { groupScope, tenantScope } from './scope.js';
import type { PanelDef } from './types.js';

const ORDER = `indexOf([${SEGMENTS.map((s) => `'${s}'`).join(', ')}], segment)`;

export const memberSegments: PanelDef = {
  id: 'member_segments',
  title: 'Members by segment',
  description: 'Members of this group on the latest judged day: KOLs, core, regulars, newcomers, lurkers, fading (was regular, now at half the pace or less), churned, and the staff and bots kept apart.',
  viz: { kind: 'bar', x: 'segment', series: ['members'] },
  sql: `SELECT segment, count() AS members
FROM member_segment_daily FINAL
WHERE ${groupScope()} AND day = (SELECT max(day) FROM member_segment_daily WHERE ${groupScope()})
GROUP BY segment
ORDER BY ${ORDER}`,
  columns: ['segment', 'members'],
};

export const segmentMoves: PanelDef = {
  id: 'segment_moves',
  title: 'Who moved where this week',
  description: 'Members whose segment changed in the 7 days up to the latest judged day ("new": first judged in this group), moves into fading and churned first: the people worth a message.',
  viz: { kind: 'table' },
  sql: `SELECT toString(day) AS judged_on, member_id, if(from_segment = '', 'new', from_segment) AS moved_from, to_segment AS moved_to
FROM member_segment_transitions FINAL
WHERE ${groupScope()} AND day > (SELECT max(day) FROM member_segment_daily WHERE ${groupScope()}) - 7
ORDER BY to_segment NOT IN ('fading', 'churned'), day DESC, member_id
LIMIT 100`,
  columns: ['judged_on', 'member_id', 'moved_from', 'moved_to'],
};

export const tenantSegments: PanelDef = {
  id: 'tenant_segments',
  title: 'Members across the tenant by segment',
  description: "The tenant's members across all its groups, by segment on each judged day: a growing fading or churned band is the community thinning out before the groups die.",
  viz: { kind: 'timeseries', time: 'time', series: SEGMENTS.filter((s) => s !== 'bot' && s !== 'staff'), stacked: true },
  sql: `SELECT toDateTime(day) AS time, ${SEGMENTS.filter((s) => s !== 'bot' && s !== 'staff').map((s) => `countIf(segment = '${s}') AS ${s}`).join(', ')}
FROM member_segment_daily FINAL
WHERE ${tenantScope()} AND group_id = '' AND $__timeFilter(day)
GROUP BY day
ORDER BY day`,
  columns: ['time', ...SEGMENTS.filter((s) => s !== 'bot' && s !== 'staff')],
  width: 24,
};

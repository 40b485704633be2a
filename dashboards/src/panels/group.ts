// One group: activity, who speaks, who joins and leaves, who stays, who holds it together.
import { groupScope } from './scope.js';
import type { PanelDef } from './types.js';

export const groupActivity: PanelDef = {
  id: 'group_activity',
  title: 'Messages by kind',
  description: "Members' conversation apart from the tenant's staff, bots, ads, red packets and system notices: a busy group full of ads or bot notices, or of staff talking to nobody, is not alive.",
  viz: { kind: 'timeseries', time: 'time', series: ['human_messages', 'staff_messages', 'bot_messages', 'ad_messages', 'red_packet_messages', 'system_messages'], stacked: true, bars: true },
  sql: `SELECT toDateTime(day) AS time, human_messages, staff_messages, bot_messages, ad_messages, red_packet_messages, system_messages
FROM group_activity_daily FINAL
WHERE ${groupScope()} AND $__timeFilter(day)
ORDER BY day`,
  columns: ['time', 'human_messages', 'staff_messages', 'bot_messages', 'ad_messages', 'red_packet_messages', 'system_messages'],
};

export const speakersVsLurkers: PanelDef = {
  id: 'speakers_vs_lurkers',
  title: 'Speakers vs lurkers',
  description: 'Members, members active in the last 7 days, speakers of the day, and lurkers who have not spoken in 28 days.',
  viz: { kind: 'timeseries', time: 'time', series: ['members', 'active_7d', 'speakers', 'lurkers'] },
  sql: `SELECT toDateTime(day) AS time, members, active_7d, speakers,
  toUInt32(round(members * lurker_share)) AS lurkers
FROM group_activity_daily FINAL
WHERE ${groupScope()} AND $__timeFilter(day)
ORDER BY day`,
  columns: ['time', 'members', 'active_7d', 'speakers', 'lurkers'],
};

export const joinsAndLeaves: PanelDef = {
  id: 'joins_and_leaves',
  title: 'Joins by path and leaves',
  description: 'Joins by invitation, QR code, link or admin, and leaves by quitting or removal. Growth by invitation (裂变) keeps better than QR codes.',
  viz: { kind: 'timeseries', time: 'time', series: ['joins_invite', 'joins_qr_code', 'joins_link', 'joins_admin', 'joins_unknown', 'leaves_quit', 'leaves_removed'], stacked: true, bars: true },
  sql: `SELECT toDateTime(day) AS time, joins_invite, joins_qr_code, joins_link, joins_admin, joins_unknown,
  leaves_quit, leaves_removed
FROM group_activity_daily FINAL
WHERE ${groupScope()} AND $__timeFilter(day)
ORDER BY day`,
  columns: ['time', 'joins_invite', 'joins_qr_code', 'joins_link', 'joins_admin', 'joins_unknown', 'leaves_quit', 'leaves_removed'],
};

export const retentionCohorts: PanelDef = {
  id: 'retention_cohorts',
  title: 'Retention by join week',
  description: 'Of the members who joined each week, the share still here and speaking after 1, 7 and 30 days (blank: not observable yet).',
  viz: { kind: 'heatmap', x: 'time', buckets: ['d1', 'd7', 'd30'] },
  sql: `SELECT toDateTime(join_week) AS time,
  round(avg(retained_d1), 3) AS d1, round(avg(retained_d7), 3) AS d7, round(avg(retained_d30), 3) AS d30
FROM member_retention FINAL
WHERE ${groupScope()}
GROUP BY join_week
ORDER BY join_week`,
  columns: ['time', 'd1', 'd7', 'd30'],
};

export const groupKols: PanelDef = {
  id: 'group_kols',
  title: 'KOLs of this group',
  description: 'Members by KOL score (centrality on the reply and mention graph) on the latest day; spammers are flagged and listed last.',
  viz: { kind: 'table' },
  sql: `SELECT rank, member_id, round(score, 3) AS kol_score, round(pagerank, 4) AS page_rank,
  round(betweenness, 4) AS betweenness_centrality, coreness, messages, replies_received, is_spammer
FROM member_kol_daily FINAL
WHERE ${groupScope()}
  AND day = (SELECT max(day) FROM member_kol_daily WHERE ${groupScope()})
ORDER BY is_spammer, score DESC, member_id
LIMIT 20`,
  columns: ['rank', 'member_id', 'kol_score', 'page_rank', 'betweenness_centrality', 'coreness', 'messages', 'replies_received', 'is_spammer'],
  width: 24,
};

export const groupStructure: PanelDef = {
  id: 'group_structure',
  title: 'Structure',
  description: 'Whether the group holds together: share of members still connected without the top 1 / top 3 KOLs, reciprocity, replied share and message inequality.',
  viz: { kind: 'timeseries', time: 'time', series: ['survival_without_top1', 'survival_without_top3', 'reciprocity', 'replied_share', 'message_gini'], unit: 'percentunit' },
  sql: `SELECT toDateTime(day) AS time, survival_without_top1, survival_without_top3, reciprocity, replied_share, message_gini
FROM group_structure_daily FINAL
WHERE ${groupScope()} AND $__timeFilter(day)
ORDER BY day`,
  columns: ['time', 'survival_without_top1', 'survival_without_top3', 'reciprocity', 'replied_share', 'message_gini'],
};

export const groupConcentration: PanelDef = {
  id: 'group_concentration',
  title: 'Concentration',
  description: 'Absence factor: the fewest members who receive half of all interaction. 1 means one person carries the group.',
  viz: { kind: 'timeseries', time: 'time', series: ['absence_factor', 'kol_count'] },
  sql: `SELECT toDateTime(day) AS time, absence_factor, kol_count
FROM group_structure_daily FINAL
WHERE ${groupScope()} AND $__timeFilter(day)
ORDER BY day`,
  columns: ['time', 'absence_factor', 'kol_count'],
};

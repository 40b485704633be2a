// Tenant-wide KOLs: who matters across groups now and over about a year, who connects groups, who
// only advertises. Each horizon is its own ranking; bridges and spammers are read from the current one.
// The rankings count a person linked across platforms once (view tenant_kol_people); bridges and
// spammers are about accounts, so they stay per member id.
import { personScope, tenantScope } from './scope.js';
import type { PanelDef } from './types.js';

type Horizon = 'current' | 'established';
const inHorizon = (h: Horizon) => `horizon = '${h}' AND day = (SELECT max(day) FROM tenant_kol_daily WHERE ${tenantScope()} AND horizon = '${h}')`;
const latest = inHorizon('current');

/** The top of one horizon's tenant-wide ranking, a person linked across platforms once. */
const topOf = (horizon: Horizon): PanelDef['sql'] => `SELECT person AS member_id, round(score, 3) AS kol_score
FROM tenant_kol_people
WHERE ${personScope()} AND ${inHorizon(horizon)} AND is_spammer = 0 AND best_rank > 0
ORDER BY score DESC, member_id
LIMIT 15`;

export const topKols: PanelDef = {
  id: 'top_kols',
  title: 'Top KOLs now',
  description: 'The most central members across all of the tenant\'s groups on the latest day, interactions weighted with a 30-day half-life.',
  viz: { kind: 'bar', x: 'member_id', series: ['kol_score'] },
  sql: topOf('current'),
  columns: ['member_id', 'kol_score'],
  width: 24,
};

export const establishedKols: PanelDef = {
  id: 'established_kols',
  title: 'Established KOLs',
  description: 'Who has held the community together over about a year (365-day half-life over three years): compare with the KOLs now to see who is fading and who is new.',
  viz: { kind: 'bar', x: 'member_id', series: ['kol_score'] },
  sql: topOf('established'),
  columns: ['member_id', 'kol_score'],
  width: 24,
};

export const kolRanking: PanelDef = {
  id: 'kol_ranking',
  title: 'KOL ranking',
  description: 'Rank, score and its parts, and how many groups each member is active in; a person linked across platforms is one row (their id, every platform, their best score, groups and messages summed).',
  viz: { kind: 'table' },
  sql: `SELECT toUInt32(row_number() OVER (ORDER BY score DESC, person)) AS rank, person AS member_id,
  arrayStringConcat(platforms, ',') AS platform, groups, round(score, 3) AS kol_score, round(pagerank, 4) AS page_rank,
  round(betweenness, 4) AS betweenness_centrality, messages, replies_received
FROM tenant_kol_people
WHERE ${personScope()} AND ${latest} AND is_spammer = 0 AND best_rank > 0
ORDER BY score DESC, member_id
LIMIT 100`,
  columns: ['rank', 'member_id', 'platform', 'groups', 'kol_score', 'page_rank', 'betweenness_centrality', 'messages', 'replies_received'],
  width: 24,
};

export const bridges: PanelDef = {
  id: 'bridges',
  title: 'Bridges between groups',
  description: 'Members who connect otherwise separate groups; losing one splits the community.',
  viz: { kind: 'table' },
  sql: `SELECT member_id, platform, bridge_groups, groups, round(betweenness, 4) AS betweenness_centrality, round(score, 3) AS kol_score
FROM tenant_kol_daily FINAL
WHERE ${tenantScope()} AND ${latest} AND is_bridge = 1
ORDER BY bridge_groups DESC, betweenness_centrality DESC
LIMIT 100`,
  columns: ['member_id', 'platform', 'bridge_groups', 'groups', 'betweenness_centrality', 'kol_score'],
  width: 12,
};

export const spammers: PanelDef = {
  id: 'spammers',
  title: 'Spammers',
  description: 'Members who post the most and get no replies: message counts alone would rank them first.',
  viz: { kind: 'table' },
  sql: `SELECT member_id, platform, groups, messages, replies_received
FROM tenant_kol_daily FINAL
WHERE ${tenantScope()} AND ${latest} AND is_spammer = 1
ORDER BY messages DESC
LIMIT 100`,
  columns: ['member_id', 'platform', 'groups', 'messages', 'replies_received'],
  width: 12,
};

// Peer comparison: each group's key metrics as percentiles among the tenant's groups of the same
// purpose and among all of them, beside its status.
import { groupScope, groupsScope, tenantScope } from './scope.js';
import type { PanelDef } from './types.js';

export const groupPeers: PanelDef = {
  id: 'group_peers',
  title: 'Compared with its peers',
  description: "This group's key metrics on the latest judged day, beside its status: the share of the tenant's groups of the same purpose, and of all its groups, that it beats (100: better than all of them; blank: no peer to compare with).",
  viz: { kind: 'table' },
  sql: `SELECT (SELECT argMax(status, day) FROM group_health_daily WHERE ${groupScope()}) AS status, purpose, metric,
  round(value, 3) AS value, purpose_peers, purpose_percentile, all_peers, all_percentile
FROM group_peer_daily FINAL
WHERE ${groupScope()} AND day = (SELECT max(day) FROM group_peer_daily WHERE ${groupScope()})
ORDER BY indexOf(['health_score', 'messages_7d', 'active_members_7d', 'replied_share', 'retention_d30'], metric)`,
  columns: ['status', 'purpose', 'metric', 'value', 'purpose_peers', 'purpose_percentile', 'all_peers', 'all_percentile'],
  width: 24,
};

export const groupsAgainstPeers: PanelDef = {
  id: 'groups_against_peers',
  title: 'Groups against their peers',
  description: 'Each group on the latest judged day: its status, and the percentile of its health score, messages, active members and answered share among the groups of the same purpose (100: best of its kind).',
  viz: { kind: 'table' },
  sql: `SELECT p.group_id AS group_id, any(h.status) AS status, any(p.purpose) AS purpose,
  maxIf(p.purpose_percentile, p.metric = 'health_score') AS score_percentile,
  maxIf(p.purpose_percentile, p.metric = 'messages_7d') AS messages_percentile,
  maxIf(p.purpose_percentile, p.metric = 'active_members_7d') AS active_percentile,
  maxIf(p.purpose_percentile, p.metric = 'replied_share') AS answered_percentile
FROM group_peer_daily AS p FINAL
LEFT JOIN (SELECT platform, group_id, day, status FROM group_health_daily FINAL WHERE ${tenantScope()}) AS h
  ON h.platform = p.platform AND h.group_id = p.group_id AND h.day = p.day
WHERE ${groupsScope('p')} AND p.day = (SELECT max(day) FROM group_peer_daily WHERE ${tenantScope()})
GROUP BY p.group_id
ORDER BY score_percentile, group_id
LIMIT 200`,
  columns: ['group_id', 'status', 'purpose', 'score_percentile', 'messages_percentile', 'active_percentile', 'answered_percentile'],
  width: 24,
  height: 10,
};

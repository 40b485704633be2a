// The panel: who shares links in the selected group (or all of the tenant's groups) over the selected
// time, and mostly from where. Written like qunpulse's own panels (Grafana variables, $__timeFilter),
// so Grafana and the report run it alike.
import { optionalGroupScope, type PanelDef } from '@qunpulse/consumer-kit';

export const topLinkSharers: PanelDef = {
  id: 'link_sharing_top_sharers',
  title: 'Who shares links',
  description: 'Members by links shared in the range (from kept message text), with how many sites in a day and the one they share most.',
  viz: { kind: 'table' },
  sql: `SELECT member_id, sum(links) AS links, max(domains) AS domains_in_a_day, anyHeavy(top_domain) AS top_domain
FROM link_sharing_member_daily FINAL
WHERE ${optionalGroupScope()} AND $__timeFilter(day)
GROUP BY member_id
ORDER BY links DESC, member_id
LIMIT 20`,
  columns: ['member_id', 'links', 'domains_in_a_day', 'top_domain'],
  // Columns qunpulse's own panels do not have: their labels and formats come with the panel.
  columnDefs: {
    links: { label: 'Links shared', format: 'count' },
    domains_in_a_day: { label: 'Most sites in a day', format: 'count' },
    top_domain: { label: 'Site shared most', format: 'text' },
  },
  width: 12,
};

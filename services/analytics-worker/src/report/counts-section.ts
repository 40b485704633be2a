// Event counts per group, read with FINAL so a re-imported event is counted once.
import type { Warehouse } from '@qunpulse/warehouse';
import type { EventCounts, GroupReport, Report, ReportSection } from './types.js';
import { table } from './text-table.js';

interface Row {
  tenant_id: string; platform: string; group_id: string; name: string; purpose: string;
  events: number; messages: number; joined: number; left_: number; reactions: number; group_events: number;
  members: number; first_at: string | null; last_at: string | null;
}

export async function readGroupCounts(wh: Warehouse, asOf: number, tenantId?: string): Promise<GroupReport[]> {
  const rows = await wh.query<Row>(
    `SELECT tenant_id, platform, group_id,
            argMaxIf(group_name, occurred_at, group_name != '') AS name,
            argMaxIf(group_purpose, occurred_at, group_purpose != '') AS purpose,
            count() AS events,
            countIf(type = 'message') AS messages,
            countIf(type = 'member_joined') AS joined,
            countIf(type = 'member_left') AS left_,
            countIf(type = 'reaction') AS reactions,
            countIf(type IN ('group_created', 'group_updated', 'group_dissolved')) AS group_events,
            uniqExactIf(member_id, member_id != '') AS members,
            toString(min(occurred_at)) AS first_at,
            toString(max(occurred_at)) AS last_at
     FROM chat_events FINAL
     WHERE occurred_at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')
       ${tenantId ? 'AND tenant_id = {tenant:String}' : ''}
     GROUP BY tenant_id, platform, group_id
     ORDER BY tenant_id, platform, group_id`,
    { asOf, ...(tenantId ? { tenant: tenantId } : {}) },
  );
  return rows.map((r) => ({
    tenantId: r.tenant_id, platform: r.platform, groupId: r.group_id, name: r.name || r.group_id, purpose: r.purpose || 'other',
    counts: {
      events: r.events, messages: r.messages, membersJoined: r.joined, membersLeft: r.left_, reactions: r.reactions,
      groupEvents: r.group_events, members: r.members,
      firstEventAt: r.first_at ? `${r.first_at.replace(' ', 'T')}Z` : null,
      lastEventAt: r.last_at ? `${r.last_at.replace(' ', 'T')}Z` : null,
    } satisfies EventCounts,
  }));
}

export const countsSection: ReportSection = {
  name: 'counts',
  async fill(wh, report, opts) {
    report.groups = await readGroupCounts(wh, opts.asOf, opts.tenantId);
    const tenants = new Map<string, number>();
    for (const g of report.groups) tenants.set(g.tenantId, (tenants.get(g.tenantId) ?? 0) + 1);
    report.tenants = [...tenants].map(([tenantId, groups]) => ({ tenantId, groups }));
  },
  renderText(report: Report) {
    const rows = report.groups.map((g) => [
      g.tenantId, g.platform, g.groupId, g.name, String(g.counts.events), String(g.counts.messages),
      String(g.counts.membersJoined), String(g.counts.membersLeft), String(g.counts.reactions), String(g.counts.members),
    ]);
    return `Groups (${report.groups.length}), event counts as of ${report.asOf}\n` +
      table(['tenant', 'platform', 'group', 'name', 'events', 'messages', 'joined', 'left', 'reactions', 'members'], rows, [4, 5, 6, 7, 8, 9]);
  },
};

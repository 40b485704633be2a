// Peer comparison in the report, beside each group's status: its key metrics as percentiles among
// the tenant's groups of the same purpose and among all of them, on the latest judged day.
import { PEER_METRICS, type PeerMetric } from '@qunpulse/health';
import type { Warehouse } from '@qunpulse/warehouse';
import type { Report, ReportSection } from './types.js';
import { table } from './text-table.js';

export interface PeerEntry { value: number | null; purposePeers: number; purposePercentile: number | null; allPeers: number; allPercentile: number | null }
export interface PeersReport { day: string; metrics: Record<PeerMetric, PeerEntry> }

interface Row {
  tenant_id: string; platform: string; group_id: string; dkey: string; metric: PeerMetric; value: number | null;
  purpose_peers: number; purpose_percentile: number | null; all_peers: number; all_percentile: number | null;
}

const tenantFilter = (tenantId?: string) => (tenantId ? 'AND tenant_id = {tenant:String}' : '');

async function fill(wh: Warehouse, report: Report, opts: { asOf: number; tenantId?: string }): Promise<void> {
  const rows = await wh.query<Row>(`
    SELECT tenant_id, platform, group_id, toString(day) AS dkey, metric, value, purpose_peers, purpose_percentile, all_peers, all_percentile
    FROM group_peer_daily FINAL
    WHERE (tenant_id, platform, group_id, day) IN (
      SELECT tenant_id, platform, group_id, max(day) FROM group_peer_daily
      WHERE day <= toDate(fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')) ${tenantFilter(opts.tenantId)} GROUP BY tenant_id, platform, group_id)`,
  { asOf: opts.asOf, ...(opts.tenantId ? { tenant: opts.tenantId } : {}) });
  const byGroup = new Map<string, PeersReport>();
  for (const r of rows) {
    const k = `${r.tenant_id}\u001f${r.platform}\u001f${r.group_id}`;
    const e = byGroup.get(k) ?? { day: r.dkey, metrics: {} as Record<PeerMetric, PeerEntry> };
    e.metrics[r.metric] = {
      value: r.value === null ? null : Number(r.value), purposePeers: Number(r.purpose_peers), allPeers: Number(r.all_peers),
      purposePercentile: r.purpose_percentile === null ? null : Number(r.purpose_percentile), allPercentile: r.all_percentile === null ? null : Number(r.all_percentile),
    };
    byGroup.set(k, e);
  }
  for (const g of report.groups) {
    const e = byGroup.get(`${g.tenantId}\u001f${g.platform}\u001f${g.groupId}`);
    if (e) g.peers = e;
  }
}

const LABELS: Record<PeerMetric, string> = {
  messages_7d: 'messages 7d', active_members_7d: 'active 7d', retention_d30: 'kept d30', health_score: 'score', replied_share: 'answered',
};
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v)}`);
const value = (m: PeerMetric, v: number | null) => (v === null ? '—' : m === 'retention_d30' || m === 'replied_share' ? `${Math.round(v * 100)}%` : String(Math.round(v)));

function renderText(report: Report): string {
  const groups = report.groups.filter((g) => g.peers) as Array<Report['groups'][number] & { peers: PeersReport; status?: string }>;
  if (!groups.length) return '';
  const rows = groups.map((g) => [
    g.tenantId, g.groupId, g.status ?? '—', g.purpose,
    ...PEER_METRICS.map((m) => { const e = g.peers.metrics[m]; return e ? `${value(m, e.value)} (${pct(e.purposePercentile)}/${pct(e.allPercentile)})` : '—'; }),
  ]);
  return 'Compared with peers: value (percentile among groups of the same purpose / among all the tenant\'s groups; 100 beats them all)\n' +
    table(['tenant', 'group', 'status', 'purpose', ...PEER_METRICS.map((m) => LABELS[m])], rows, PEER_METRICS.map((_, i) => i + 4));
}

export const peersSection: ReportSection = { name: 'peers', fill, renderText };

// Peer comparison: each group's key metrics as percentiles among the tenant's groups of the same
// purpose and among all of the tenant's groups. A percentile is the share of the other groups with
// a value that this group beats, ties counting half: 100 beats every peer, 0 beats none, and a group
// with no peer that has the metric gets none.

export const PEER_METRICS = ['messages_7d', 'active_members_7d', 'retention_d30', 'health_score', 'replied_share'] as const;
export type PeerMetric = (typeof PEER_METRICS)[number];

export interface PeerGroup {
  key: string;
  purpose: string;
  /** null: the group has no value for the metric (e.g. no newcomer old enough for day-30 retention). */
  metrics: Record<PeerMetric, number | null>;
}

export interface PeerStanding {
  key: string;
  purpose: string;
  metric: PeerMetric;
  value: number | null;
  /** Other groups of the same purpose with a value, and the percentile among them. */
  purposePeers: number;
  purposePercentile: number | null;
  /** Other groups of the tenant with a value, and the percentile among them. */
  allPeers: number;
  allPercentile: number | null;
}

/** The share of `others` that `value` beats, ties counting half, as 0–100 (one decimal); null without others. */
export function percentileAmong(value: number, others: readonly number[]): number | null {
  if (others.length === 0) return null;
  let beaten = 0;
  for (const o of others) beaten += o < value ? 1 : o === value ? 0.5 : 0;
  return Math.round((beaten / others.length) * 1000) / 10;
}

/** In a sorted list: the index of the first value ≥ x, or with `upper` the first value > x. */
function bound(sorted: readonly number[], x: number, upper: boolean): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x || (upper && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The percentile of a value that is itself one of `sorted` (the others are the rest): O(log n). */
function percentileInSorted(value: number, sorted: readonly number[]): number | null {
  const others = sorted.length - 1;
  if (others <= 0) return null;
  const below = bound(sorted, value, false);
  const ties = bound(sorted, value, true) - below - 1;
  return Math.round(((below + 0.5 * ties) / others) * 1000) / 10;
}

/**
 * Every group's standing on every metric, among its purpose and among all the groups given (one
 * tenant's). Sorted once per metric and purpose, so a tenant of thousands of groups costs n log n.
 */
export function peerStandings(groups: readonly PeerGroup[]): PeerStanding[] {
  const out: PeerStanding[] = [];
  for (const metric of PEER_METRICS) {
    const all: number[] = [];
    const byPurpose = new Map<string, number[]>();
    for (const g of groups) {
      const v = g.metrics[metric];
      if (v === null) continue;
      all.push(v);
      const list = byPurpose.get(g.purpose) ?? [];
      list.push(v);
      byPurpose.set(g.purpose, list);
    }
    all.sort((a, b) => a - b);
    for (const list of byPurpose.values()) list.sort((a, b) => a - b);
    for (const g of groups) {
      const value = g.metrics[metric];
      const purpose = byPurpose.get(g.purpose) ?? [];
      // A group without a value is not among the sorted ones: all of them are its peers.
      out.push({
        key: g.key, purpose: g.purpose, metric, value,
        purposePeers: value === null ? purpose.length : purpose.length - 1,
        purposePercentile: value === null ? null : percentileInSorted(value, purpose),
        allPeers: value === null ? all.length : all.length - 1,
        allPercentile: value === null ? null : percentileInSorted(value, all),
      });
    }
  }
  return out;
}

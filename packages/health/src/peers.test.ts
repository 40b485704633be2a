// Peer percentiles on known values.
import { describe, expect, it } from 'vitest';
import { peerStandings, percentileAmong, PEER_METRICS, type PeerGroup, type PeerMetric } from './peers.js';

const group = (key: string, purpose: string, messages: number | null): PeerGroup => ({
  key, purpose, metrics: Object.fromEntries(PEER_METRICS.map((m) => [m, m === 'messages_7d' ? messages : 1])) as Record<PeerMetric, number | null>,
});

describe('peer percentiles', () => {
  it('is the share of the other groups beaten, ties counting half', () => {
    expect(percentileAmong(30, [10, 20, 40])).toBe(66.7);
    expect(percentileAmong(20, [20, 20])).toBe(50);
    expect(percentileAmong(5, [])).toBeNull();
  });

  it('ranks each group among its purpose and among all groups', () => {
    const groups = [
      group('s1', 'sales', 10), group('s2', 'sales', 40), group('s3', 'sales', 20),
      group('n1', 'networking', 30), group('n2', 'networking', 5), group('x', 'interest', null),
    ];
    const m = new Map(peerStandings(groups).filter((s) => s.metric === 'messages_7d').map((s) => [s.key, s]));
    // Sales: 10 < 20 < 40. All five with a value: 5 < 10 < 20 < 30 < 40.
    expect(m.get('s1')).toMatchObject({ value: 10, purposePeers: 2, purposePercentile: 0, allPeers: 4, allPercentile: 25 });
    expect(m.get('s3')).toMatchObject({ purposePercentile: 50, allPercentile: 50 });
    expect(m.get('s2')).toMatchObject({ purposePercentile: 100, allPercentile: 100 });
    expect(m.get('n1')).toMatchObject({ purposePeers: 1, purposePercentile: 100, allPercentile: 75 });
    expect(m.get('x')).toMatchObject({ value: null, purposePeers: 0, purposePercentile: null, allPeers: 5, allPercentile: null });
    // Every group has 1 on the other metrics: all tie, so each beats half of its peers.
    expect(peerStandings(groups).filter((s) => s.metric === 'health_score' && s.key === 's1')[0]).toMatchObject({ purposePercentile: 50, allPercentile: 50 });
  });
});

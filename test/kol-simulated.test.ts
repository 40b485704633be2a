// KOL ranking scored against the simulator's ground truth: the simulated KOLs top their healthy
// groups, and the ad spammers — who send the most messages — never reach any group's top 10.
import { describe, expect, it } from 'vitest';
import { validateChatEvent, type ChatEvent } from '@qunpulse/contracts';
import { analyzeTenantData, DEFAULT_KOL_CONFIG, type TenantData, type TenantResult } from '@qunpulse/analytics-worker';
import { extractGroups, topKols } from '@qunpulse/graph';
import { simulate } from '@qunpulse/simulator';

const { events, truth } = simulate({ groups: 40, days: 90, seed: 2024 });

function analyze(): TenantResult[] {
  const valid: ChatEvent[] = [];
  for (const e of events) {
    const v = validateChatEvent(e, truth.end + 86_400_000);
    if (!v.ok) throw new Error(`simulated event rejected: ${v.reason}`);
    valid.push(v.event);
  }
  const byPair = new Map<string, ChatEvent[]>();
  for (const e of valid) {
    const key = `${e.tenantId}\u001f${e.platform}`;
    let list = byPair.get(key);
    if (!list) byPair.set(key, (list = []));
    list.push(e);
  }
  return [...byPair].map(([key, list]) => {
    const [tenantId, platform] = key.split('\u001f') as [string, string];
    const data: TenantData = { tenantId, platform, groups: new Map([...extractGroups(list)].map(([id, g]) => [id, g])) };
    return analyzeTenantData(data, truth.end, DEFAULT_KOL_CONFIG);
  });
}

const results = analyze();
const groupResult = (groupId: string) => {
  for (const r of results) { const g = r.groups.get(groupId); if (g) return g; }
  return undefined;
};

describe('KOLs on simulated communities', () => {
  it('finds the true KOLs of healthy groups (top-k precision ≥ 0.9)', () => {
    const healthy = truth.groups.filter((g) => (g.status === 'thriving' || g.status === 'stable') && g.kols.length > 0 && g.kolDepartedAt === undefined);
    expect(healthy.length).toBeGreaterThanOrEqual(5);
    let hits = 0;
    let total = 0;
    for (const g of healthy) {
      const analysis = groupResult(g.groupId);
      expect(analysis, g.groupId).toBeDefined();
      const top = new Set(topKols(analysis!.members, g.kols.length).map((m) => m.memberId));
      hits += g.kols.filter((k) => top.has(k)).length;
      total += g.kols.length;
    }
    expect(hits / total).toBeGreaterThanOrEqual(0.9);
  });

  it('never ranks an ad spammer in any group top 10, though spammers send the most messages', () => {
    const spammers = new Set(truth.spammers);
    expect(spammers.size).toBeGreaterThan(0);
    let groupsWhereASpammerPostsMost = 0;
    for (const g of truth.groups) {
      const analysis = groupResult(g.groupId);
      if (!analysis) continue;
      const top10 = topKols(analysis.members, 10).map((m) => m.memberId);
      expect(top10.filter((m) => spammers.has(m)), g.groupId).toEqual([]);
      const mostMessages = [...analysis.members].sort((a, b) => b.metrics.messages - a.metrics.messages)[0];
      if (mostMessages && spammers.has(mostMessages.memberId)) groupsWhereASpammerPostsMost++;
    }
    expect(groupsWhereASpammerPostsMost).toBeGreaterThan(0);
    for (const r of results) for (const s of r.tenant.members) if (spammers.has(s.memberId) && s.metrics.messages >= 10) expect(s.isSpammer, s.memberId).toBe(true);
  });
});

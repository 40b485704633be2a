// `qunpulse analyze ndjson FILE` end to end in this process: real broker, embedded ClickHouse.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from './support/cli-in-process.js';
import { KafkaBus } from '@qunpulse/kafka';
import { testBrokers, uniqueName } from './support/kit.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-cli-'));
const file = path.join(dir, 'events.ndjson');
const groups = [
  { tenantId: 'acme', platform: 'telegram', groupId: '-100200', name: '读书会' },
  { tenantId: 'acme', platform: 'wecom', groupId: 'wr-sales-1', name: 'VIP 客户群' },
  { tenantId: 'beta', platform: 'discord', groupId: '9001', name: 'builders' },
];

const runCli = runCliInProcess;

describe('qunpulse analyze', () => {
  beforeAll(() => {
    process.env.KAFKA_BROKERS = testBrokers().join(',');
    process.env.QUNPULSE_TOPIC_NAMESPACE = uniqueName('cli');
    process.env.QUNPULSE_DATA_DIR = path.join(dir, 'data');
    const lines: string[] = [];
    groups.forEach((g, gi) => {
      lines.push(JSON.stringify({ eventId: `${g.groupId}-created`, type: 'group_created', tenantId: g.tenantId, platform: g.platform, groupId: g.groupId, occurredAt: '2026-04-01T09:00:00+08:00', group: { name: g.name, purpose: 'interest' } }));
      for (let i = 0; i < 10 * (gi + 1); i++) {
        lines.push(JSON.stringify({ eventId: `${g.groupId}-m${i}`, type: 'message', tenantId: g.tenantId, platform: g.platform, groupId: g.groupId, memberId: `u${i % 4}`, occurredAt: Date.UTC(2026, 3, 2) + i * 60_000, message: { kind: 'text', length: 12 } }));
      }
    });
    lines.push('not json at all');
    writeFileSync(file, lines.join('\n') + '\n');
  });

  afterEach(() => { vi.restoreAllMocks(); });

  it('prints valid JSON with one entry per group and its counts', async () => {
    const { code, out, err } = await runCli(['analyze', 'ndjson', file, '--json']);
    expect(code, err).toBe(0);
    const report = JSON.parse(out) as { import: { accepted: number; rejected: number }; groups: { tenantId: string; platform: string; groupId: string; name: string; counts: { messages: number; groupEvents: number; members: number } }[] };
    expect(report.import).toMatchObject({ accepted: 3 + 10 + 20 + 30, rejected: 1 });
    expect(report.groups.map((g) => [g.tenantId, g.platform, g.groupId])).toEqual(
      [...groups].sort((a, b) => `${a.tenantId}${a.platform}`.localeCompare(`${b.tenantId}${b.platform}`)).map((g) => [g.tenantId, g.platform, g.groupId]));
    for (const g of report.groups) {
      const gi = groups.findIndex((x) => x.groupId === g.groupId);
      expect(g.name).toBe(groups[gi]!.name);
      expect(g.counts).toMatchObject({ messages: 10 * (gi + 1), groupEvents: 1, members: 4 });
    }
  });

  it('prints a readable table in text form, with the as-of each tenant was judged at', async () => {
    const { code, out, err } = await runCli(['analyze', 'ndjson', file]);
    expect(code, err).toBe(0);
    expect(out).toContain(`tenant acme: judged as of ${new Date(Date.UTC(2026, 3, 2) + 19 * 60_000).toISOString()} (its latest event)`);
    expect(out).toContain(`tenant beta: judged as of ${new Date(Date.UTC(2026, 3, 2) + 29 * 60_000).toISOString()} (its latest event)`);
    const counts = out.slice(out.indexOf('event counts as of'));
    const row = counts.split('\n').find((l) => l.includes('wr-sales-1'));
    expect(row).toBeDefined();
    expect(row!.split(/\s{2,}/)).toEqual(['acme', 'wecom', 'wr-sales-1', 'VIP 客户群', '21', '20', '0', '0', '0', '4']);
    expect(out).toMatch(/^tenant\s+platform\s+group\s+name\s+events\s+messages/m);
  });

  it('analyses only the files given, each tenant as of its own latest event, and leaves nothing behind', async () => {
    // A tenant imported earlier into the same cluster and namespace, active until 1 April …
    const earlier = path.join(dir, 'earlier.ndjson');
    writeFileSync(earlier, Array.from({ length: 30 }, (_, i) => JSON.stringify({
      eventId: `e-${i}`, type: 'message', tenantId: 'earlier', platform: 'slack', groupId: 'C-EARLY', memberId: `u${i % 5}`,
      occurredAt: Date.UTC(2026, 3, 1) - i * 3_600_000, message: { kind: 'text', length: 10 },
    })).join('\n') + '\n');
    const imported = await runCli(['import', 'ndjson', earlier, '--json']);
    expect(imported.code, imported.err).toBe(0);
    // … and an export whose events ended 30 days before that: two lively groups, the last day 2 March.
    const end = Date.UTC(2026, 2, 2, 12);
    const lines: string[] = [];
    for (const groupId of ['g-north', 'g-south']) {
      for (let day = 0; day < 40; day++) {
        for (let i = 0; i < 6; i++) {
          const at = end - day * 86_400_000 - i * 600_000;
          const id = `${groupId}-${day}-${i}`;
          lines.push(JSON.stringify({
            eventId: id, type: 'message', tenantId: 'older', platform: 'qq', groupId, memberId: `m${(day + i) % 6}`, occurredAt: at,
            message: { kind: 'text', length: 20, ...(i > 0 ? { replyTo: { eventId: `${groupId}-${day}-${i - 1}` } } : {}) },
          }));
        }
      }
    }
    const older = path.join(dir, 'older.ndjson');
    writeFileSync(older, lines.join('\n') + '\n');

    const { code, out, err } = await runCli(['analyze', 'ndjson', older, '--json']);
    expect(code, err).toBe(0);
    const report = JSON.parse(out) as { asOf: Record<string, string>; groups: { tenantId: string; groupId: string; status: string }[] };
    expect(report.groups.map((g) => [g.tenantId, g.groupId])).toEqual([['older', 'g-north'], ['older', 'g-south']]);
    expect(report.asOf).toEqual({ older: new Date(end).toISOString() });
    for (const g of report.groups) expect(['thriving', 'stable'], `${g.groupId}: ${g.status}`).toContain(g.status);


    // The runs' topics are gone: only the namespace's own topics remain on the cluster.
    const bus = new KafkaBus({ brokers: testBrokers(), clientId: 'cli-analyze-check', namespace: '' });
    try {
      const left = await bus.admin((a) => a.listTopics());
      expect(left.filter((t) => t.startsWith(`${process.env.QUNPULSE_TOPIC_NAMESPACE}.analyze_`))).toEqual([]);
    } finally {
      await bus.close();
    }
  });

  it('fails with a usage message naming the problem', async () => {
    const { code, err } = await runCli(['analyze', 'xml', file]);
    expect(code).toBe(2);
    expect(err).toContain('FORMAT must be ndjson');
  });
});

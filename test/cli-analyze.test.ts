// `qunpulse analyze ndjson FILE` end to end in this process: real broker, embedded ClickHouse.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '@qunpulse/cli';
import { testBrokers, uniqueName } from './support/kit.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-cli-'));
const file = path.join(dir, 'events.ndjson');
const groups = [
  { tenantId: 'acme', platform: 'telegram', groupId: '-100200', name: '读书会' },
  { tenantId: 'acme', platform: 'wecom', groupId: 'wr-sales-1', name: 'VIP 客户群' },
  { tenantId: 'beta', platform: 'discord', groupId: '9001', name: 'builders' },
];

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    spyOut.mockRestore();
    spyErr.mockRestore();
  }
}

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

  it('prints a readable table in text form, counting a re-import once', async () => {
    const { code, out, err } = await runCli(['analyze', 'ndjson', file]);
    expect(code, err).toBe(0);
    const counts = out.slice(out.indexOf('event counts as of'));
    const row = counts.split('\n').find((l) => l.includes('wr-sales-1'));
    expect(row).toBeDefined();
    expect(row!.split(/\s{2,}/)).toEqual(['acme', 'wecom', 'wr-sales-1', 'VIP 客户群', '21', '20', '0', '0', '0', '4']);
    expect(out).toMatch(/^tenant\s+platform\s+group\s+name\s+events\s+messages/m);
  });

  it('fails with a usage message naming the problem', async () => {
    const { code, err } = await runCli(['analyze', 'xml', file]);
    expect(code).toBe(2);
    expect(err).toContain('FORMAT must be ndjson');
  });
});

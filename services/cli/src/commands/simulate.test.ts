import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateChatEvent } from '@qunpulse/contracts';
import type { GroundTruth } from '@qunpulse/simulator';
import { UsageError } from '../command.js';
import { simulateCommand } from './simulate.js';

describe('qunpulse simulate', () => {
  it('writes the same NDJSON bytes and ground truth for the same seed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-sim-'));
    const files = [path.join(dir, 'a.ndjson'), path.join(dir, 'b.ndjson')];
    for (const f of files) expect(await simulateCommand.run(['--groups', '12', '--days', '30', '--seed', '5', '--out', f])).toBe(0);
    const [a, b] = files.map((f) => readFileSync(f));
    expect(a!.equals(b!)).toBe(true);
    expect(readFileSync(`${files[0]}.truth.json`, 'utf8')).toBe(readFileSync(`${files[1]}.truth.json`, 'utf8'));
    const lines = a!.toString('utf8').trim().split('\n');
    const truth = JSON.parse(readFileSync(`${files[0]}.truth.json`, 'utf8')) as GroundTruth;
    expect(truth.groups).toHaveLength(12);
    expect(lines.map((l) => validateChatEvent(JSON.parse(l), truth.end + 86_400_000)).filter((r) => !r.ok)).toEqual([]);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { groupId: string }).groupId)).size).toBe(12);
  });

  it('rejects a missing --out and a bad size with the option named', async () => {
    await expect(simulateCommand.run(['--groups', '3'])).rejects.toThrow(UsageError);
    await expect(simulateCommand.run(['--out', '/tmp/x.ndjson', '--days', '0'])).rejects.toThrow(/--days/);
  });
});

// The local broker's KRaft cluster ids: every id made is one the Kafka storage tool accepts (about
// 1 in 64 random ids begins with "-", which the tool reads as an option), and an unusable id kept
// by an earlier version is replaced before anything is formatted with it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterIdProblem, newClusterId, readClusterId } from '../infra/kafka/cluster-id.mjs';

describe('KRaft cluster ids for the local broker', () => {
  it('never begins with "-" and is always 16 bytes in URL-safe base64', () => {
    const ids = Array.from({ length: 20_000 }, () => newClusterId());
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id) && Buffer.from(id, 'base64url').length === 16)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Random ids do begin with "_" (the same 1 in 64), which the tool accepts: only "-" is drawn again.
    expect(ids.some((id) => id.startsWith('_'))).toBe(true);
  });

  it('names what is wrong with an unusable id', () => {
    expect(clusterIdProblem('-XxgjaKsSoq-ixCtBUpa5w')).toBe('it begins with "-", which the Kafka storage tool reads as an option');
    expect(clusterIdProblem('abc')).toBe('it is not 16 bytes in URL-safe base64 (22 characters)');
    expect(clusterIdProblem('MkU3OEVBNTcwNTJENDM2Qk')).toBeUndefined();
  });

  it('replaces a kept id the storage tool would refuse, says so, and keeps a good one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qp-cluster-id-'));
    writeFileSync(path.join(dir, 'cluster-id'), '-XxgjaKsSoq-ixCtBUpa5w\n');
    const told: string[] = [];
    const id = readClusterId(dir, (why: string) => told.push(why));
    expect(clusterIdProblem(id)).toBeUndefined();
    expect(readFileSync(path.join(dir, 'cluster-id'), 'utf8')).toBe(id);
    expect(told).toEqual([expect.stringMatching(/^replaced cluster id "-XxgjaKsSoq-ixCtBUpa5w" in .*cluster-id with [A-Za-z0-9_-]{22}: it begins with "-"/)]);
    expect(readClusterId(dir, (why: string) => told.push(why))).toBe(id);
    expect(told).toHaveLength(1);
  });
});

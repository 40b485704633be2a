// `qunpulse run` with the local broker, as an operator lives with it: a data directory whose kept
// cluster id the storage tool refuses, kill -9 of run and the broker's launcher (leaving the broker
// orphaned), then kill -9 of run alone. The broker comes back on the same port and never outlives
// the run that started it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killRunProcesses, startRunProcess, type RunProcess } from './support/run-process.js';
import { waitFor } from './support/kit.js';

const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'qunpulse-broker-life-')), 'data');
const kafkaDir = path.join(dataDir, 'kafka');
const env = { QUNPULSE_DATA_DIR: dataDir, QUNPULSE_ALERTS_ENABLED: 'false', KAFKA_SESSION_TIMEOUT_MS: '6000' };
const BAD_ID = '-XxgjaKsSoq-ixCtBUpa5w';

/** Alive and not a zombie (an orphan's zombie lingers until its new parent reaps it). */
function alive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
const pidIn = (file: string) => Number(readFileSync(path.join(kafkaDir, file), 'utf8').trim());
const address = () => readFileSync(path.join(kafkaDir, 'brokers'), 'utf8').trim();

async function started(): Promise<RunProcess> {
  const run = startRunProcess(env);
  await run.waitForLog((l) => l.msg === 'qunpulse running', 'qunpulse running', 120_000);
  return run;
}

describe('the local broker across restarts and crashes of qunpulse run', () => {
  const pids: number[] = [];
  let firstAddress = '';

  afterAll(async () => {
    await killRunProcesses();
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('repairs a kept cluster id that begins with "-" and starts, saying what it replaced', async () => {
    mkdirSync(kafkaDir, { recursive: true });
    writeFileSync(path.join(kafkaDir, 'cluster-id'), BAD_ID);
    const run = await started();
    const id = readFileSync(path.join(kafkaDir, 'cluster-id'), 'utf8').trim();
    expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(readFileSync(path.join(kafkaDir, 'data', 'meta.properties'), 'utf8')).toContain(`cluster.id=${id}`);
    const note = run.logs.find((l) => String(l.msg).includes('replaced cluster id'));
    expect(note, JSON.stringify(run.logs.map((l) => l.msg))).toBeDefined();
    expect(String(note!.msg)).toContain(`"${BAD_ID}"`);
    expect(String(note!.msg)).toContain('begins with "-"');
    firstAddress = address();

    // A crash that takes the broker's launcher too (kill -9 of both) leaves the broker orphaned.
    const orphan = pidIn('broker.pid');
    const launcher = pidIn('launcher.pid');
    pids.push(orphan, launcher);
    process.kill(launcher, 'SIGKILL');
    run.child.kill('SIGKILL');
    await run.exited;
    await waitFor(async () => !alive(launcher), 'the launcher to die', 10_000);
    expect(alive(orphan)).toBe(true);
  });

  it('stops the orphan, comes back on the same port, and stops with a run killed by SIGKILL', async () => {
    const orphan = pids[0]!;
    const run = await started();
    const warned = run.logs.find((l) => l.msg === 'stopped a local Kafka broker orphaned by an earlier crash; started a new one on its port');
    expect(warned?.pid).toBe(orphan);
    expect(alive(orphan)).toBe(false);
    expect(address()).toBe(firstAddress);
    const broker = pidIn('broker.pid');
    const launcher = pidIn('launcher.pid');
    pids.push(broker, launcher);

    // kill -9 of run alone: the launcher sees its lifeline (stdin) close, stops the broker and exits.
    run.child.kill('SIGKILL');
    await run.exited;
    await waitFor(async () => !alive(broker) && !alive(launcher), 'the broker of the killed run to stop', 60_000);
    expect(existsSync(path.join(kafkaDir, 'brokers'))).toBe(false);
    expect(existsSync(path.join(kafkaDir, 'launcher.pid'))).toBe(false);
  });
});

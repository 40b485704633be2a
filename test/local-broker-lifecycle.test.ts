// `qunpulse run` with the local broker, as an operator lives with it: a data directory whose kept
// cluster id the storage tool refuses, kill -9 of run, kill -9 of run and the broker's launcher
// (leaving the broker orphaned), and SIGTERM. The broker always comes back on the same port.
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
    expect(String(note?.msg)).toContain(`"${BAD_ID}"`);
    expect(String(note?.msg)).toContain('begins with "-"');
    firstAddress = address();
    pids.push(pidIn('broker.pid'), pidIn('launcher.pid'));

    // kill -9 of run: the launcher sees its lifeline close and stops the broker.
    const broker = pidIn('broker.pid');
    run.child.kill('SIGKILL');
    await run.exited;
    await waitFor(async () => !alive(broker), 'the broker of the killed run to stop', 45_000);
    expect(existsSync(path.join(kafkaDir, 'brokers'))).toBe(false);
  });

  it('comes back on the same port; a broker orphaned by a crash is stopped and replaced', async () => {
    const run = await started();
    expect(address()).toBe(firstAddress);
    const orphan = pidIn('broker.pid');
    const launcher = pidIn('launcher.pid');
    pids.push(orphan, launcher);
    // The launcher dies first, so nothing is left to stop the broker when run dies.
    process.kill(launcher, 'SIGKILL');
    run.child.kill('SIGKILL');
    await run.exited;
    await waitFor(async () => !alive(launcher), 'the launcher to die', 10_000);
    expect(alive(orphan)).toBe(true);

    const next = await started();
    const warned = next.logs.find((l) => l.msg === 'stopped a local Kafka broker orphaned by an earlier crash; started a new one on its port');
    expect(warned?.pid).toBe(orphan);
    expect(alive(orphan)).toBe(false);
    expect(address()).toBe(firstAddress);
    const broker = pidIn('broker.pid');
    pids.push(broker, pidIn('launcher.pid'));

    // SIGTERM: run shuts down in order and stops the broker it started.
    next.child.kill('SIGTERM');
    expect(await next.exited).toEqual({ code: 0, signal: null });
    await waitFor(async () => !alive(broker), 'the broker to stop with run', 45_000);
    expect(existsSync(path.join(kafkaDir, 'brokers'))).toBe(false);
    expect(existsSync(path.join(kafkaDir, 'launcher.pid'))).toBe(false);
  });
});

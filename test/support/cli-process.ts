// Runs the real `qunpulse` CLI as child processes against the test broker, in a topic namespace and
// data directory of their own; `qunpulse run` through ./run-process.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_STORE_GROUP } from '@qunpulse/event-store';
import type { KafkaBus } from '@qunpulse/kafka';
import { testBrokers, uniqueName } from './kit.js';
import { startRunProcess, type RunProcess } from './run-process.js';

export { killRunProcesses } from './run-process.js';

const BIN = fileURLToPath(new URL('../../services/cli/bin/qunpulse.mjs', import.meta.url));

export interface CliEnvironment {
  /** The whole environment of one-shot commands. */
  env: NodeJS.ProcessEnv;
  /** The variables this environment sets (what `qunpulse run` is started with). */
  vars: Record<string, string>;
  dataDir: string;
}

export function cliEnvironment(extra: Record<string, string> = {}): CliEnvironment {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qunpulse-cli-'));
  const vars = {
    KAFKA_BROKERS: testBrokers().join(','),
    QUNPULSE_TOPIC_NAMESPACE: uniqueName('cli'),
    QUNPULSE_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...extra,
  };
  return { dataDir, vars, env: { ...process.env, ...vars } };
}

/** Runs a one-shot command to its end; rejects with its stderr when it fails. */
export function runCli(env: CliEnvironment, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`qunpulse ${args.join(' ')} exited ${code}:\n${err.slice(-4000)}`));
    });
  });
}

/** Starts `qunpulse run` in the environment (killed by `killRunProcesses` whatever happens). */
export function startRun(env: CliEnvironment): RunProcess {
  return startRunProcess(env.vars);
}

/** Stops `qunpulse run` the way an operator does (SIGTERM); resolves to its exit code, or the signal that ended it. */
export async function stopRun(run: RunProcess): Promise<number | string> {
  run.child.kill('SIGTERM');
  const { code, signal } = await run.exited;
  if (code !== 0) process.stderr.write(`qunpulse run ended with ${code ?? signal}; its last lines:\n${JSON.stringify(run.logs.slice(-5))}\n${run.text.join('\n')}\n`);
  return code ?? signal ?? 'unknown';
}

/** Kills `qunpulse run` without warning (a crash). */
export async function crashRun(run: RunProcess): Promise<void> {
  run.child.kill('SIGKILL');
  await run.exited;
}

/** The event store's backlog on the service's topic, as the service's own consumer group sees it. */
export async function eventStoreBacklog(bus: KafkaBus): Promise<number> {
  const consumer = await bus.consumer({ groupId: EVENT_STORE_GROUP, topics: [bus.topics.chatEvents] });
  return (await consumer.lag()).reduce((s, p) => s + Math.max(0, p.lag), 0);
}

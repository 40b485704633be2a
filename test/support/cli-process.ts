// Runs the real `qunpulse` CLI as child processes against the test broker, in a topic namespace and
// data directory of their own, and follows `qunpulse run`'s JSON log on stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testBrokers, uniqueName } from './kit.js';

const BIN = fileURLToPath(new URL('../../services/cli/bin/qunpulse.mjs', import.meta.url));

export interface CliEnvironment {
  env: NodeJS.ProcessEnv;
  dataDir: string;
}

export function cliEnvironment(extra: Record<string, string> = {}): CliEnvironment {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qunpulse-cli-'));
  return {
    dataDir,
    env: {
      ...process.env,
      KAFKA_BROKERS: testBrokers().join(','),
      QUNPULSE_TOPIC_NAMESPACE: uniqueName('cli'),
      QUNPULSE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...extra,
    },
  };
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

export type LogLine = Record<string, unknown> & { msg?: string };

/** A long-running `qunpulse run` whose log lines are kept for the test to wait on. */
export class RunningService {
  readonly lines: LogLine[] = [];
  private stderrTail = '';
  private readonly exited: Promise<number | string>;

  private constructor(private readonly child: ChildProcess) {
    let partial = '';
    child.stderr!.on('data', (d: Buffer) => {
      partial += d.toString();
      this.stderrTail = (this.stderrTail + d.toString()).slice(-8000);
      let nl;
      while ((nl = partial.indexOf('\n')) >= 0) {
        const line = partial.slice(0, nl);
        partial = partial.slice(nl + 1);
        try { this.lines.push(JSON.parse(line) as LogLine); } catch { /* not a log line */ }
      }
    });
    child.stdout!.resume();
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  }

  static start(env: CliEnvironment, args: string[] = ['run']): RunningService {
    return new RunningService(spawn(process.execPath, [BIN, ...args], { env: env.env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Waits until a log line satisfies `pred`, or fails with the service's last output. */
  async waitForLog(pred: (l: LogLine) => boolean, what: string, timeoutMs = 120_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => { exited = true; });
    for (;;) {
      const hit = this.lines.find(pred);
      if (hit) return hit;
      if (exited || Date.now() > deadline) {
        throw new Error(`${exited ? 'qunpulse run exited' : `timed out after ${timeoutMs} ms`} waiting for ${what}:\n${this.stderrTail}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the service the way an operator does (SIGTERM); resolves to its exit code (or the signal that ended it). */
  async stop(): Promise<number | string> {
    this.child.kill('SIGTERM');
    const code = await this.exited;
    if (code !== 0) process.stderr.write(`qunpulse run ended with ${code}; its last output:\n${this.stderrTail}\n`);
    return code;
  }

  /** Kills the service without warning (a crash). */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

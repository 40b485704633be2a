// `qunpulse run` as a child process (the compiled CLI: build first), with its JSON log lines, so a
// test can kill it the way an operator or the kernel would. Every child started here is killed by
// `killRunProcesses`, which tests call in afterAll whatever happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(new URL('../..', import.meta.url).pathname);
const BIN = path.join(root, 'services', 'cli', 'bin', 'qunpulse.mjs');
const live = new Set<ChildProcess>();

export interface RunProcess {
  child: ChildProcess;
  /** Parsed pino lines from stderr, in order. */
  logs: Record<string, unknown>[];
  /** Raw stderr lines that were not JSON (start-up errors). */
  text: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(predicate: (line: Record<string, unknown>) => boolean, what: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function startRunProcess(env: Record<string, string>, args: string[] = ['run']): RunProcess {
  if (!existsSync(path.join(root, 'services', 'cli', 'dist', 'main.js'))) throw new Error('services/cli/dist is missing: build first (npm run build)');
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: root, stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
  });
  live.add(child);
  const logs: Record<string, unknown>[] = [];
  const text: string[] = [];
  let rest = '';
  child.stderr!.on('data', (d: Buffer) => {
    rest += d.toString('utf8');
    const lines = rest.split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      if (!line.trim()) continue;
      try { logs.push(JSON.parse(line) as Record<string, unknown>); } catch { text.push(line); }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => { live.delete(child); resolve({ code, signal }); });
  });
  return {
    child, logs, text, exited,
    async waitForLog(predicate, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = logs.find(predicate);
        if (hit) return hit;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`qunpulse exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${text.join('\n')}\n${JSON.stringify(logs.slice(-5))}`);
        }
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${text.join('\n')}\n${JSON.stringify(logs.slice(-5))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** Kills (SIGKILL) every child this module started that is still running, and waits for each. */
export async function killRunProcesses(): Promise<void> {
  await Promise.all([...live].map((c) => new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) { resolve(); return; }
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  })));
}

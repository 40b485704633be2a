// A Kafka broker of a test's own (the project's launcher, its own data directory and port), for the
// cases that kill the broker: the shared test broker must never be the one killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const LAUNCHER = path.resolve(new URL('../../infra/kafka/start-kafka.mjs', import.meta.url).pathname);

export interface OwnBroker {
  brokers: string;
  launcher: ChildProcess;
  /** The broker's own pid (java), as the launcher recorded it. */
  brokerPid(): number;
}

export async function startOwnBroker(dataDir: string, port: number, timeoutMs = 180_000): Promise<OwnBroker> {
  const launcher = spawn(process.execPath, [LAUNCHER, '--data-dir', dataDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  launcher.stderr!.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4000); });
  const brokers = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the broker did not start in ${timeoutMs} ms:\n${err}`)), timeoutMs);
    launcher.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /KAFKA_BROKERS=(\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    launcher.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the broker's launcher exited (${code}):\n${err}`)); });
  });
  return { brokers, launcher, brokerPid: () => Number(readFileSync(path.join(dataDir, 'broker.pid'), 'utf8').trim()) };
}

/** Stops a launcher the way an operator does (it stops its broker), waiting for it to exit. */
export async function stopOwnBroker(b: OwnBroker | undefined): Promise<void> {
  if (!b || b.launcher.exitCode !== null || b.launcher.signalCode !== null) return;
  const exited = new Promise((r) => b.launcher.once('exit', r));
  b.launcher.kill('SIGTERM');
  await exited;
}

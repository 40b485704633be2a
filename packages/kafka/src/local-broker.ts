// Starts the project's own single-node Kafka (infra/kafka/start-kafka.mjs) or reuses one that is
// already running from the same data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalBroker {
  brokers: string[];
  /** True when this call started the broker (and so `stop` stops it). */
  started: boolean;
  stop(): Promise<void>;
}

/** The repository root: the folder holding infra/kafka/start-kafka.mjs. */
export function repoRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'infra', 'kafka', 'start-kafka.mjs'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find infra/kafka/start-kafka.mjs above ' + from);
    dir = up;
  }
}

function canConnect(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const sock = net.connect({ host: host!, port: Number(port) });
    sock.setTimeout(1_000);
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('timeout', () => { sock.destroy(); resolve(false); });
    sock.once('error', () => resolve(false));
  });
}

export async function startLocalBroker(opts: { dataDir: string; reuse?: boolean; port?: number }): Promise<LocalBroker> {
  const addressFile = path.join(opts.dataDir, 'brokers');
  if (opts.reuse !== false && existsSync(addressFile)) {
    const address = readFileSync(addressFile, 'utf8').trim();
    if (address && await canConnect(address)) {
      return { brokers: [address], started: false, stop: async () => {} };
    }
  }
  const script = path.join(repoRoot(), 'infra', 'kafka', 'start-kafka.mjs');
  const args = [script, '--data-dir', opts.dataDir];
  if (opts.port) args.push('--port', String(opts.port));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr = (stderr + String(d)).slice(-4000); });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /KAFKA_BROKERS=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`local Kafka did not start (exit ${code}):\n${stderr}`)));
  });
  writeFileSync(addressFile, address);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    brokers: [address],
    started: true,
    async stop() {
      rmSync(addressFile, { force: true });
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

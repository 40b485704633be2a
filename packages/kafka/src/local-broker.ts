// Starts the project's own Kafka (infra/kafka/start-kafka.mjs): one node, or a cluster of N on
// loopback, or reuses one that is already running from the same data directory. The broker started here lives as long as this
// process: it is stopped by `stop()`, and by the launcher itself when this process dies, even by
// kill -9. A broker left by an older crash is found and stopped by the launcher before it starts
// a new one on the same port (the data directory keeps it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalBroker {
  brokers: string[];
  /** True when this call started the broker (and so `stop` stops it). */
  started: boolean;
  /** The pid of a broker orphaned by an earlier crash, stopped before this one started. */
  orphanStopped?: number;
  /** What the launcher said it repaired on the way (e.g. an unusable cluster id it replaced). */
  notes: string[];
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

function running(pidFile: string): boolean {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    // A killed launcher nobody has reaped yet still answers signals: it is a zombie, not running.
    return !isZombie(pid);
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export interface LocalBrokerOptions {
  dataDir: string;
  reuse?: boolean;
  /** The single broker's port (a cluster picks its own and keeps them). */
  port?: number;
  /** How many nodes (combined broker + controller); 1 unless given. */
  brokers?: number;
  /** Each broker's JVM heap, e.g. `320m`. */
  heap?: string;
}

export async function startLocalBroker(opts: LocalBrokerOptions): Promise<LocalBroker> {
  const addressFile = path.join(opts.dataDir, 'brokers');
  // Reuse only a broker whose launcher is alive: one whose launcher died is an orphan, which the
  // new launcher stops and replaces.
  if (opts.reuse !== false && existsSync(addressFile) && running(path.join(opts.dataDir, 'launcher.pid'))) {
    const address = readFileSync(addressFile, 'utf8').trim();
    if (address && (await Promise.all(address.split(',').map(canConnect))).every(Boolean)) {
      return { brokers: address.split(','), started: false, notes: [], stop: async () => {} };
    }
  }
  const script = path.join(repoRoot(), 'infra', 'kafka', 'start-kafka.mjs');
  const args = [script, '--data-dir', opts.dataDir, '--stop-when-stdin-closes'];
  if (opts.port) args.push('--port', String(opts.port));
  if (opts.brokers && opts.brokers > 1) args.push('--brokers', String(opts.brokers));
  if (opts.heap) args.push('--heap', opts.heap);
  // Its own process group: a Ctrl-C in the terminal reaches this process, which stops the broker
  // last, after its clients; stdin is the lifeline the launcher watches.
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr = (stderr + String(d)).slice(-4000); });
  let orphanStopped: number | undefined;
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const orphan = /ORPHAN_STOPPED=(\d+)/.exec(out);
      if (orphan) orphanStopped = Number(orphan[1]);
      const m = /KAFKA_BROKERS=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`local Kafka did not start (exit ${code}):\n${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    brokers: address.split(','),
    started: true,
    ...(orphanStopped ? { orphanStopped } : {}),
    notes: stderr.split('\n').filter((l) => l.startsWith('start-kafka: ')).map((l) => l.slice('start-kafka: '.length)),
    async stop() {
      rmSync(addressFile, { force: true });
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

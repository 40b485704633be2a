// The benchmark's pipeline: this process produces through the real validating publisher, a forked
// process runs the real event store into ClickHouse, and both report what they did and when.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatEventPublisher, type KafkaBus } from '@qunpulse/kafka';
import { noConfiguredPolicies, privacyStep, readLines } from '@qunpulse/importers';
import type { ConsumerRequest, ConsumerStart, FromConsumer, ToConsumer } from './protocol.js';
import type { Workload } from './workload.js';

export interface Sample {
  at: number;
  rssBytes: number;
  heapBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  lag: number;
  cpuMicros: number;
}

/** A compiled script beside this one (tests run the TypeScript sources; child processes need the build). */
function script(name: string): string {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  const file = here.endsWith('.ts') ? path.join(dir.replace(`${path.sep}src${path.sep}`, `${path.sep}dist${path.sep}`), name) : path.join(dir, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  return file;
}

/** Simulates the workload in a child process and returns what it wrote. */
export function writeWorkloadApart(file: string, opts: { events: number; tenantId: string; seed: number; now: number }): Promise<Workload> {
  const child = fork(script('workload-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { ok: true; workload: Workload } | { ok: false; error: string }) => {
      if (m.ok) resolve(m.workload);
      else reject(new Error(`workload: ${m.error}`));
    });
    child.once('exit', (code) => reject(new Error(`the workload process exited with code ${code} before answering`)));
    child.send({ file, ...opts });
  });
}

export class ConsumerProcess {
  readonly samples: Sample[] = [];
  stored = 0;
  rejected = 0;
  private readonly batchLog: { at: number; batches: number }[] = [];
  lastStoredAt = 0;
  /** The process's CPU time (user + system, µs) when it last reported. */
  cpuMicros = 0;
  /** The process's CPU time when it reported its latest stored batch. */
  cpuAtLastStore = 0;
  pid = 0;
  private nextId = 1;
  private readonly pending = new Map<number, (v: unknown) => void>();
  private readonly waiters: { n: number; resolve: () => void }[] = [];
  private failure: Error | undefined;
  private exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (msg: FromConsumer) => this.onMessage(msg));
    child.once('exit', (code) => {
      if (code) this.fail(new Error(`the consumer process exited with code ${code}`));
    });
  }

  static async start(opts: Omit<ConsumerStart, 'type'>): Promise<ConsumerProcess> {
    const child = fork(script('consumer-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    const cp = new ConsumerProcess(child);
    const ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: FromConsumer) => {
        if (m.type === 'ready') { cp.pid = m.pid; child.off('message', onMsg); resolve(); }
        if (m.type === 'error') reject(new Error(`consumer process: ${m.message}`));
      };
      child.on('message', onMsg);
      child.once('exit', (code) => reject(new Error(`the consumer process exited with code ${code} while starting`)));
    });
    cp.send({ type: 'start', ...opts });
    await ready;
    return cp;
  }

  private send(msg: ToConsumer): void {
    this.child.send(msg);
  }

  private fail(err: Error): void {
    this.failure = err;
    for (const [, resolve] of this.pending) resolve(Promise.reject(err));
    this.pending.clear();
  }

  private onMessage(msg: FromConsumer): void {
    switch (msg.type) {
      case 'stored':
        this.stored = msg.stored;
        this.rejected = msg.rejected;
        this.lastStoredAt = msg.at;
        this.cpuAtLastStore = msg.cpuMicros;
        this.batchLog.push({ at: msg.at, batches: msg.batches });
        for (let i = this.waiters.length - 1; i >= 0; i--) {
          if (this.stored + this.rejected >= this.waiters[i]!.n) this.waiters.splice(i, 1)[0]!.resolve();
        }
        break;
      case 'sample':
        this.samples.push({ at: msg.at, rssBytes: msg.rssBytes, heapBytes: msg.heapBytes, heapUsedBytes: msg.heapUsedBytes, externalBytes: msg.externalBytes, lag: msg.lag, cpuMicros: msg.cpuMicros });
        this.cpuMicros = msg.cpuMicros;
        break;
      case 'result': {
        const resolve = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        resolve?.(msg.value);
        break;
      }
      case 'error':
        this.fail(new Error(`consumer process: ${msg.message}`));
        break;
      case 'ready':
        break;
    }
  }

  /** How many batches (one insert each) the event store had stored by time `at`. */
  batchesAt(at: number): number {
    let n = 0;
    for (const b of this.batchLog) if (b.at <= at) n = b.batches;
    return n;
  }

  /** Resolves once `n` records in all have been stored or dead-lettered; returns when the last was. */
  async waitHandled(n: number, timeoutMs: number, onProgress?: (handled: number) => void): Promise<number> {
    const reached = new Promise<void>((resolve) => {
      if (this.stored + this.rejected >= n) resolve();
      else this.waiters.push({ n, resolve });
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure) throw this.failure;
      const done = await Promise.race([reached.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 250))]);
      onProgress?.(this.stored + this.rejected);
      if (done) return this.lastStoredAt;
      if (Date.now() > deadline) throw new Error(`only ${this.stored + this.rejected} of ${n} records were stored after ${timeoutMs} ms`);
    }
  }

  request<T>(msg: ConsumerRequest): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const p = new Promise<T>((resolve) => this.pending.set(id, resolve as (v: unknown) => void));
    this.send({ ...msg, id } as ToConsumer);
    return p;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.connected) this.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}

// kafkajs groups a send's records per partition by copying arrays (quadratic in the send's size),
// so a few thousand records per send beat tens of thousands.
export const PRODUCE_BATCH = 2_000;
export const PRODUCE_IN_FLIGHT = 2;

/** Produces every line of an NDJSON file through the validating publisher, as fast as it goes. */
export async function produceFile(
  bus: KafkaBus, file: string, source: string, opts: { batchSize?: number; inFlight?: number; onProgress?: (n: number) => void } = {},
): Promise<{ accepted: number; rejected: number }> {
  const batch = opts.batchSize ?? PRODUCE_BATCH;
  const inFlight = opts.inFlight ?? PRODUCE_IN_FLIGHT;
  const producer = await bus.producer({ idempotent: true });
  // The publisher never sends on its own here: this loop sends every `batch` records and keeps up
  // to `inFlight` sends outstanding, so the next batch is validated while the last is acknowledged.
  // kafkajs queues sends to a broker in order (FIFO lock), so records keep their order.
  const publisher = new ChatEventPublisher(bus, producer, { source, batchSize: Number.MAX_SAFE_INTEGER, privacy: privacyStep(noConfiguredPolicies) });
  const sending: Promise<void>[] = [];
  const send = async () => {
    const p = publisher.flush();
    p.catch(() => {});
    sending.push(p);
    if (sending.length >= inFlight) await sending.shift();
  };
  try {
    let n = 0;
    for await (const line of readLines(file)) {
      if (line.bytes.length === 0) continue;
      await publisher.add(line.bytes, `${file}:${line.number}`);
      if (++n % batch === 0) await send();
      if ((n & 8191) === 0) opts.onProgress?.(n);
    }
    await send();
    await Promise.all(sending);
    return { accepted: publisher.summary.accepted, rejected: publisher.summary.rejected };
  } finally {
    await producer.close();
  }
}

/**
 * Offers a fixed load: the file's events at `rate` per second, sent every `tickMs` in small
 * batches, as a busy ingest path would. Returns the load actually offered.
 */
export async function producePaced(bus: KafkaBus, file: string, source: string, rate: number, tickMs = 50): Promise<{ events: number; seconds: number; offeredPerSecond: number }> {
  const producer = await bus.producer({ idempotent: true });
  const publisher = new ChatEventPublisher(bus, producer, { source, batchSize: 1_000_000, privacy: privacyStep(noConfiguredPolicies) });
  const started = Date.now();
  let sent = 0;
  try {
    for await (const line of readLines(file)) {
      if (line.bytes.length === 0) continue;
      // Wait until this event is due; send what is buffered before waiting.
      for (;;) {
        const due = Math.floor(((Date.now() - started) / 1000) * rate);
        if (sent < due) break;
        await publisher.flush();
        const wait = Math.max(1, Math.min(tickMs, started + Math.ceil(((sent + 1) / rate) * 1000) - Date.now()));
        await new Promise((r) => setTimeout(r, wait));
      }
      await publisher.add(line.bytes, `${file}:${line.number}`);
      sent++;
      if (sent % Math.max(1, Math.round((rate * tickMs) / 1000)) === 0) await publisher.flush();
    }
    await publisher.flush();
  } finally {
    await producer.close();
  }
  const seconds = (Date.now() - started) / 1000;
  return { events: sent, seconds, offeredPerSecond: sent / seconds };
}

/** Resident memory of a process by pid (Linux /proc), or null where unreadable. */
export function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, µs) a process has used so far, from /proc; null where unreadable. */
export function cpuMicrosOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

/** The pid listening on a local TCP port (the broker), found with `ss`; null when not visible. */
export function pidListeningOn(port: number): number | null {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /pid=(\d+)/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

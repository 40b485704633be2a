// The broker's own limit, measured with Kafka's perf tools from the same jars that run the local
// broker, on the same broker and in the same run as the pipeline, so the pipeline's rate can be read
// as a share of what Kafka itself manages on this machine.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, type KafkaBus } from '@qunpulse/kafka';

export interface BrokerPerf {
  records: number;
  recordBytes: number;
  producer: { recordsPerSecond: number; mbPerSecond: number; avgLatencyMs: number; p99LatencyMs: number } | null;
  consumer: { recordsPerSecond: number; mbPerSecond: number } | null;
  /** Why a figure is missing, if one is. */
  error?: string;
}

function java(args: string[], timeoutMs: number): Promise<string> {
  const libs = path.join(repoRoot(), 'infra', 'kafka', 'target', 'libs');
  if (!existsSync(libs)) return Promise.reject(new Error(`Kafka jars not found in ${libs} (run npm run kafka once to fetch them)`));
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-Xmx512m', '-cp', `${libs}/*`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${args[0]} exited with ${code}: ${(err || out).trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** Last summary line: "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, p50 ms 50th, … p99 ms 99th, …". */
export function parseProducerPerf(out: string): BrokerPerf['producer'] {
  const lines = out.trim().split('\n').filter((l) => /records sent/.test(l));
  const last = lines[lines.length - 1];
  const m = last && /records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency.*?(\d+) ms 99th/.exec(last);
  if (!m) return null;
  return { recordsPerSecond: Number(m[1]), mbPerSecond: Number(m[2]), avgLatencyMs: Number(m[3]), p99LatencyMs: Number(m[4]) };
}

/** CSV header then one line: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, … */
export function parseConsumerPerf(out: string): BrokerPerf['consumer'] {
  const lines = out.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  const h = lines.findIndex((l) => l.startsWith('start.time'));
  if (h < 0 || !lines[h + 1]) return null;
  const names = lines[h]!.split(',').map((s) => s.trim());
  const values = lines[h + 1]!.split(',').map((s) => s.trim());
  const get = (n: string) => Number(values[names.indexOf(n)]);
  const rps = get('nMsg.sec');
  return Number.isFinite(rps) ? { recordsPerSecond: rps, mbPerSecond: get('MB.sec') } : null;
}

export async function measureBrokerPerf(bus: KafkaBus, opts: { brokers: string[]; records: number; recordBytes: number; partitions: number }): Promise<BrokerPerf> {
  const topic = `${bus.topics.chatEvents}.broker-perf`;
  const result: BrokerPerf = { records: opts.records, recordBytes: opts.recordBytes, producer: null, consumer: null };
  const servers = opts.brokers.join(',');
  try {
    await bus.admin((a) => a.createTopics({ topics: [{ topic, numPartitions: opts.partitions, replicationFactor: -1 }], waitForLeaders: true }));
    const timeout = Math.max(120_000, opts.records / 10);
    result.producer = parseProducerPerf(await java([
      'org.apache.kafka.tools.ProducerPerformance', '--topic', topic, '--num-records', String(opts.records),
      '--record-size', String(opts.recordBytes), '--throughput', '-1',
      '--producer-props', `bootstrap.servers=${servers}`, 'acks=all',
    ], timeout));
    result.consumer = parseConsumerPerf(await java([
      'org.apache.kafka.tools.ConsumerPerformance', '--bootstrap-server', servers, '--topic', topic,
      '--messages', String(opts.records), '--timeout', '60000',
    ], timeout));
    if (!result.producer || !result.consumer) result.error = 'could not read the perf tools\' summary line';
  } catch (err) {
    result.error = (err as Error).message;
  } finally {
    await bus.admin((a) => a.deleteTopics({ topics: [topic] })).catch(() => {});
  }
  return result;
}

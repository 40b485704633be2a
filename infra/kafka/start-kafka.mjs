#!/usr/bin/env node
// Starts one Apache Kafka 4.x broker in KRaft mode (combined broker + controller) on 127.0.0.1.
// Plain JavaScript on purpose: it must run before the workspace is built, on any Node the machine has.
//
//   node infra/kafka/start-kafka.mjs [--data-dir DIR] [--port N]
//
// Prints one line `KAFKA_BROKERS=127.0.0.1:PORT` on stdout once the broker accepts connections,
// then stays in the foreground until SIGINT/SIGTERM, which stop the broker cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const libsDir = path.join(here, 'target', 'libs');

function parseArgs(argv) {
  const out = {
    dataDir: process.env.KAFKA_DATA_DIR ?? path.resolve(here, '..', '..', '.qunpulse', 'kafka'),
    port: process.env.KAFKA_PORT ? Number(process.env.KAFKA_PORT) : 0,
    heap: process.env.KAFKA_HEAP ?? '1g',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--data-dir') { out.dataDir = path.resolve(value); i++; }
    else if (flag === '--port') { out.port = Number(value); i++; }
    else if (flag === '--heap') { out.heap = value; i++; }
    else throw new Error(`start-kafka: unknown argument ${flag} (expected --data-dir DIR, --port N, --heap SIZE)`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) {
    throw new Error(`start-kafka: port must be an integer 0-65535 (0 picks a free one), got ${out.port}`);
  }
  return out;
}

export function ensureJars() {
  if (existsSync(libsDir) && readdirSync(libsDir).some((f) => f.startsWith('kafka_2.13-'))) return libsDir;
  // Maven's output goes to stderr: stdout carries only the KAFKA_BROKERS line that callers read.
  const r = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', path.join(here, 'pom.xml'), 'dependency:copy-dependencies',
    `-DoutputDirectory=${libsDir}`, '-DincludeScope=runtime'], { stdio: ['ignore', process.stderr, 'inherit'] });
  if (r.status !== 0) throw new Error('start-kafka: `mvn dependency:copy-dependencies` failed; Java 17+ and Maven are required');
  return libsDir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
  });
}

function java(args, opts = {}) {
  return spawnSync('java', args, { encoding: 'utf8', ...opts });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureJars();
  mkdirSync(opts.dataDir, { recursive: true });
  const logsDir = path.join(opts.dataDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const port = opts.port || await freePort();
  const controllerPort = await freePort();
  const cp = path.join(libsDir, '*');
  const props = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${path.join(opts.dataDir, 'data')}`,
    'num.partitions=4',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=4',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'message.max.bytes=10485760',
    'log.retention.hours=168',
  ].join('\n') + '\n';
  const propsFile = path.join(opts.dataDir, 'server.properties');
  writeFileSync(propsFile, props);

  const jvmLog = [`-Dlog4j2.configurationFile=${path.join(here, 'log4j2.properties')}`, `-Dkafka.logs.dir=${logsDir}`];
  if (!existsSync(path.join(opts.dataDir, 'data', 'meta.properties'))) {
    const clusterId = readClusterId(opts.dataDir);
    const fmt = java(['-cp', cp, ...jvmLog, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile, '--ignore-formatted']);
    if (fmt.status !== 0) throw new Error(`start-kafka: formatting storage failed:\n${fmt.stdout}${fmt.stderr}`);
  }

  const broker = spawn('java', [`-Xms256m`, `-Xmx${opts.heap}`, '-XX:+UseG1GC', '-Djava.awt.headless=true', ...jvmLog,
    '-cp', cp, 'kafka.Kafka', propsFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  broker.stderr.on('data', (d) => { stderr = (stderr + d).slice(-8000); });
  let exited = false;
  broker.once('exit', (code, signal) => {
    exited = true;
    if (!stopping) {
      process.stderr.write(`start-kafka: broker exited early (code ${code}, signal ${signal}); see ${logsDir}/broker.log\n${stderr}`);
      process.exit(1);
    }
    process.exit(0);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    broker.kill('SIGTERM');
    // A broker that ignores SIGTERM for 30 s is killed: the data directory survives either way.
    setTimeout(() => { if (!exited) broker.kill('SIGKILL'); }, 30_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);

  const deadline = Date.now() + 90_000;
  while (!(await canConnect(port))) {
    if (exited) return;
    if (Date.now() > deadline) { stop(); throw new Error(`start-kafka: broker did not accept connections on ${port} within 90 s`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  writeFileSync(path.join(opts.dataDir, 'broker.pid'), String(broker.pid));
  process.stdout.write(`KAFKA_BROKERS=127.0.0.1:${port}\n`);
}

function readClusterId(dataDir) {
  const file = path.join(dataDir, 'cluster-id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  // KRaft cluster ids are 16 random bytes in URL-safe base64 without padding.
  const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
  writeFileSync(file, id);
  return id;
}

main().catch((err) => { process.stderr.write(`${err.message}\n`); process.exit(1); });

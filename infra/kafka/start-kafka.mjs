#!/usr/bin/env node
// Starts one Apache Kafka 4.x broker in KRaft mode (combined broker + controller) on 127.0.0.1.
// Plain JavaScript on purpose: it must run before the workspace is built, on any Node the machine has.
//
//   node infra/kafka/start-kafka.mjs [--data-dir DIR] [--port N] [--stop-when-stdin-closes]
//
// Prints one line `KAFKA_BROKERS=127.0.0.1:PORT` on stdout once the broker accepts connections,
// then stays in the foreground until SIGINT/SIGTERM (or, with --stop-when-stdin-closes, until the
// process that started it goes away), which stop the broker cleanly.
//
// The data directory keeps the broker's state between runs:
//   cluster-id     the KRaft cluster id (storage is formatted with it once)
//   ports.json     the client and controller ports: a restarted broker comes back on the same address
//   brokers        the address, while a broker runs
//   launcher.pid   this launcher, while it runs;  broker.pid  the broker (java) it started
// A broker whose launcher died (kill -9) is an orphan: the next launcher stops it before starting,
// and prints `ORPHAN_STOPPED=PID` on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readClusterId } from './cluster-id.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const libsDir = path.join(here, 'target', 'libs');

function parseArgs(argv) {
  const out = {
    dataDir: process.env.KAFKA_DATA_DIR ?? path.resolve(here, '..', '..', '.qunpulse', 'kafka'),
    port: process.env.KAFKA_PORT ? Number(process.env.KAFKA_PORT) : 0,
    heap: process.env.KAFKA_HEAP ?? '1g',
    stopWhenStdinCloses: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--data-dir') { out.dataDir = path.resolve(value); i++; }
    else if (flag === '--port') { out.port = Number(value); i++; }
    else if (flag === '--heap') { out.heap = value; i++; }
    else if (flag === '--stop-when-stdin-closes') out.stopWhenStdinCloses = true;
    else throw new Error(`start-kafka: unknown argument ${flag} (expected --data-dir DIR, --port N, --heap SIZE, --stop-when-stdin-closes)`);
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

function isFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function readPid(file) {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch { return undefined; }
}

/** The process's arguments joined by spaces, or undefined when it is gone (or a zombie). */
function commandLine(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    // Not Linux: ask ps.
    const r = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
  }
}

/** True when `pid` runs and its command line holds every needle (a pid file can outlive its process). */
function runs(pid, ...needles) {
  const cmd = pid && pid !== process.pid ? commandLine(pid) : undefined;
  return cmd !== undefined && needles.every((n) => cmd.includes(n));
}

async function terminate(pid) {
  try { process.kill(pid, 'SIGTERM'); } catch { return; }
  const deadline = Date.now() + 30_000;
  while (commandLine(pid) !== undefined) {
    if (Date.now() > deadline) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function readPorts(file) {
  try {
    const { port, controllerPort } = JSON.parse(readFileSync(file, 'utf8'));
    const ok = (p) => Number.isInteger(p) && p > 0 && p <= 65535;
    return { port: ok(port) ? port : undefined, controllerPort: ok(controllerPort) ? controllerPort : undefined };
  } catch { return {}; }
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
  const propsFile = path.join(opts.dataDir, 'server.properties');
  const files = {
    launcher: path.join(opts.dataDir, 'launcher.pid'),
    broker: path.join(opts.dataDir, 'broker.pid'),
    brokers: path.join(opts.dataDir, 'brokers'),
    ports: path.join(opts.dataDir, 'ports.json'),
  };

  const launcher = readPid(files.launcher);
  if (runs(launcher, 'start-kafka.mjs', opts.dataDir)) {
    throw new Error(`start-kafka: the broker of ${opts.dataDir} is already run by launcher pid ${launcher}; use it (address in ${files.brokers}) or stop that launcher first`);
  }
  writeFileSync(files.launcher, String(process.pid));
  const orphan = readPid(files.broker);
  if (runs(orphan, 'kafka.Kafka', propsFile)) {
    process.stderr.write(`start-kafka: stopping broker pid ${orphan}, left running by a launcher that died\n`);
    await terminate(orphan);
    process.stdout.write(`ORPHAN_STOPPED=${orphan}\n`);
  }
  rmSync(files.broker, { force: true });
  rmSync(files.brokers, { force: true });

  // Same address as last time, so clients configured with it (and running services) find the
  // broker again after a restart.
  const saved = readPorts(files.ports);
  if (!opts.port && saved.port && !(await isFree(saved.port))) {
    throw new Error(`start-kafka: port ${saved.port}, kept in ${files.ports} so the broker keeps its address, is used by another process; stop it, pass --port N, or delete ${files.ports} to pick a new port`);
  }
  const port = opts.port || saved.port || await freePort();
  const controllerPort = saved.controllerPort && saved.controllerPort !== port && await isFree(saved.controllerPort)
    ? saved.controllerPort : await freePort();
  writeFileSync(files.ports, JSON.stringify({ port, controllerPort }) + '\n');
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
  writeFileSync(propsFile, props);

  const jvmLog = [`-Dlog4j2.configurationFile=${path.join(here, 'log4j2.properties')}`, `-Dkafka.logs.dir=${logsDir}`];
  if (!existsSync(path.join(opts.dataDir, 'data', 'meta.properties'))) {
    const clusterId = readClusterId(opts.dataDir, (why) => process.stderr.write(`start-kafka: ${why}\n`));
    const fmt = java(['-cp', cp, ...jvmLog, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile, '--ignore-formatted']);
    if (fmt.status !== 0) throw new Error(`start-kafka: formatting storage failed:\n${fmt.stdout}${fmt.stderr}`);
  }

  const broker = spawn('java', [`-Xms256m`, `-Xmx${opts.heap}`, '-XX:+UseG1GC', '-Djava.awt.headless=true', ...jvmLog,
    '-cp', cp, 'kafka.Kafka', propsFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  writeFileSync(files.broker, String(broker.pid));
  let stderr = '';
  broker.stderr.on('data', (d) => { stderr = (stderr + d).slice(-8000); });
  let exited = false;
  const forget = () => {
    rmSync(files.brokers, { force: true });
    rmSync(files.broker, { force: true });
    if (readPid(files.launcher) === process.pid) rmSync(files.launcher, { force: true });
  };
  broker.once('exit', (code, signal) => {
    exited = true;
    forget();
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
    // Clients that look now must not find an address that is about to go away.
    rmSync(files.brokers, { force: true });
    broker.kill('SIGTERM');
    // A broker that ignores SIGTERM for 30 s is killed: the data directory survives either way.
    setTimeout(() => { if (!exited) broker.kill('SIGKILL'); }, 30_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  if (opts.stopWhenStdinCloses) {
    // The starter holds the other end of stdin: when it dies, even by kill -9, the pipe closes.
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
    // Its ends of stdout and stderr close too; a write then fails with EPIPE, which must not
    // crash this launcher before it has stopped the broker.
    process.stdout.on('error', stop);
    process.stderr.on('error', stop);
  }

  const deadline = Date.now() + 90_000;
  while (!(await canConnect(port))) {
    if (exited) return;
    if (Date.now() > deadline) { stop(); throw new Error(`start-kafka: broker did not accept connections on ${port} within 90 s`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (stopping) return;
  writeFileSync(files.brokers, `127.0.0.1:${port}`);
  process.stdout.write(`KAFKA_BROKERS=127.0.0.1:${port}\n`);
}

main().catch((err) => { process.stderr.write(`${err.message}\n`); process.exit(1); });

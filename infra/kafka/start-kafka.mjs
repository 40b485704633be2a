#!/usr/bin/env node
// Starts Apache Kafka 4.x in KRaft mode on 127.0.0.1: one node, or a cluster of N nodes, each a
// combined broker + controller. Plain JavaScript on purpose: it must run before the workspace is
// built, on any Node the machine has.
//
//   node infra/kafka/start-kafka.mjs [--data-dir DIR] [--port N] [--brokers N] [--heap SIZE] [--stop-when-stdin-closes]
//
// Prints one line `KAFKA_BROKERS=127.0.0.1:PORT[,…]` on stdout once every broker accepts
// connections, then stays in the foreground until SIGINT/SIGTERM (or, with
// --stop-when-stdin-closes, until the process that started it goes away), which stop the brokers
// cleanly.
//
// The data directory keeps the state between runs:
//   cluster-id     the KRaft cluster id (every node's storage is formatted with it once)
//   ports.json     the client and controller ports: a restarted broker comes back on the same address
//   brokers        the addresses, while the brokers run
//   launcher.pid   this launcher, while it runs;  broker.pid  the broker (java) it started
// With --brokers N > 1, each node has its own folder node-1 … node-N under the data directory,
// holding its storage, its ports.json and broker.pid; cluster-id, brokers and launcher.pid stay at
// the top. A node of a cluster that dies (a crash, kill -9) is started again by the launcher on its
// ports and storage, which prints `BROKER_RESTARTED=NODE` once it accepts connections again; a
// node that dies 3 times within a minute stops the whole cluster. A single broker that dies ends
// the launcher instead (whoever started it decides).
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
    heap: process.env.KAFKA_HEAP,
    brokers: 1,
    stopWhenStdinCloses: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--data-dir') { out.dataDir = path.resolve(value); i++; }
    else if (flag === '--port') { out.port = Number(value); i++; }
    else if (flag === '--heap') { out.heap = value; i++; }
    else if (flag === '--brokers') { out.brokers = Number(value); i++; }
    else if (flag === '--stop-when-stdin-closes') out.stopWhenStdinCloses = true;
    else throw new Error(`start-kafka: unknown argument ${flag} (expected --data-dir DIR, --port N, --brokers N, --heap SIZE, --stop-when-stdin-closes)`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) {
    throw new Error(`start-kafka: --port must be an integer 0-65535 (0 picks a free one), got ${out.port}`);
  }
  if (!Number.isInteger(out.brokers) || out.brokers < 1 || out.brokers > 9) {
    throw new Error(`start-kafka: --brokers must be an integer 1-9, got ${out.brokers}`);
  }
  if (out.brokers > 1 && out.port) {
    throw new Error('start-kafka: --port names the one broker\'s port; a cluster (--brokers N > 1) picks free ports and keeps them in each node\'s ports.json');
  }
  if (out.heap !== undefined && !/^[1-9][0-9]*[mMgG]$/.test(out.heap)) {
    throw new Error(`start-kafka: --heap must be a JVM size such as 384m or 1g, got ${JSON.stringify(out.heap)}`);
  }
  // Several JVMs share the machine in a cluster: each gets a small heap unless told otherwise.
  out.heap ??= out.brokers > 1 ? '320m' : '1g';
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

/** Runs a Java tool to the end; resolves with its exit status and output. */
function javaTool(args) {
  return new Promise((resolve) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.once('exit', (code) => resolve({ status: code, out }));
  });
}

/** A port no one listens on, and none of `taken`. */
async function freshPort(taken) {
  for (;;) {
    const p = await freePort();
    if (!taken.has(p)) return p;
  }
}

/**
 * One node's configuration. Replication follows the cluster's size: with three nodes or more, the
 * internal topics and new topics keep 3 copies and a write needs 2 of them (acks=all), so one
 * node can die without losing an acknowledged record or stopping writes.
 */
function serverProperties({ id, port, controllerPort, voters, dir, size }) {
  const rf = Math.min(3, size);
  const minIsr = size >= 3 ? 2 : 1;
  const lines = [
    'process.roles=broker,controller',
    `node.id=${id}`,
    `controller.quorum.voters=${voters}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${path.join(dir, 'data')}`,
    'num.partitions=4',
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${minIsr}`,
    `offsets.topic.replication.factor=${rf}`,
    'offsets.topic.num.partitions=4',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'message.max.bytes=10485760',
    'log.retention.hours=168',
  ];
  if (size > 1) {
    // Several JVMs on a small machine: fewer threads each. A dead node is fenced (its partitions
    // led elsewhere) after the session timeout; 6 s rather than 9 s shortens the stall.
    lines.push('num.network.threads=2', 'num.io.threads=4', 'background.threads=4', 'num.replica.fetchers=1',
      'broker.session.timeout.ms=6000', 'broker.heartbeat.interval.ms=1000', 'unclean.leader.election.enable=false');
  }
  return lines.join('\n') + '\n';
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const cluster = opts.brokers > 1;
  ensureJars();
  mkdirSync(opts.dataDir, { recursive: true });
  const files = {
    launcher: path.join(opts.dataDir, 'launcher.pid'),
    brokers: path.join(opts.dataDir, 'brokers'),
  };

  const launcher = readPid(files.launcher);
  if (runs(launcher, 'start-kafka.mjs', opts.dataDir)) {
    throw new Error(`start-kafka: the broker of ${opts.dataDir} is already run by launcher pid ${launcher}; use it (address in ${files.brokers}) or stop that launcher first`);
  }
  writeFileSync(files.launcher, String(process.pid));
  rmSync(files.brokers, { force: true });

  // A single broker keeps the data directory's own layout, as it always has.
  const nodes = Array.from({ length: opts.brokers }, (_, i) => {
    const dir = cluster ? path.join(opts.dataDir, `node-${i + 1}`) : opts.dataDir;
    return {
      id: i + 1, dir,
      logsDir: path.join(dir, 'logs'),
      propsFile: path.join(dir, 'server.properties'),
      pidFile: path.join(dir, 'broker.pid'),
      portsFile: path.join(dir, 'ports.json'),
      port: 0, controllerPort: 0,
      child: undefined, stderr: '', exits: [],
    };
  });
  for (const node of nodes) {
    mkdirSync(node.logsDir, { recursive: true });
    const orphan = readPid(node.pidFile);
    if (runs(orphan, 'kafka.Kafka', node.propsFile)) {
      process.stderr.write(`start-kafka: stopping broker pid ${orphan}, left running by a launcher that died\n`);
      await terminate(orphan);
      process.stdout.write(`ORPHAN_STOPPED=${orphan}\n`);
    }
    rmSync(node.pidFile, { force: true });
  }

  // Same addresses as last time, so clients configured with them (and running services) find the
  // brokers again after a restart.
  const taken = new Set();
  for (const node of nodes) {
    const saved = readPorts(node.portsFile);
    if (!opts.port && saved.port && !(await isFree(saved.port))) {
      throw new Error(`start-kafka: port ${saved.port}, kept in ${node.portsFile} so the broker keeps its address, is used by another process; stop it, pass --port N, or delete ${node.portsFile} to pick a new port`);
    }
    node.port = opts.port || saved.port || await freshPort(taken);
    taken.add(node.port);
    node.controllerPort = saved.controllerPort && !taken.has(saved.controllerPort) && await isFree(saved.controllerPort)
      ? saved.controllerPort : await freshPort(taken);
    taken.add(node.controllerPort);
    writeFileSync(node.portsFile, JSON.stringify({ port: node.port, controllerPort: node.controllerPort }) + '\n');
  }
  const voters = nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',');
  for (const node of nodes) {
    writeFileSync(node.propsFile, serverProperties({ ...node, voters, size: nodes.length }));
  }

  const cp = path.join(libsDir, '*');
  const jvmLog = (node) => [`-Dlog4j2.configurationFile=${path.join(here, 'log4j2.properties')}`, `-Dkafka.logs.dir=${node.logsDir}`];
  const unformatted = nodes.filter((n) => !existsSync(path.join(n.dir, 'data', 'meta.properties')));
  if (unformatted.length) {
    // Every node of a cluster is formatted with the one kept id.
    const clusterId = readClusterId(opts.dataDir, (why) => process.stderr.write(`start-kafka: ${why}\n`));
    const results = await Promise.all(unformatted.map((n) =>
      javaTool(['-cp', cp, ...jvmLog(n), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', n.propsFile, '--ignore-formatted'])));
    const failed = results.find((r) => r.status !== 0);
    if (failed) throw new Error(`start-kafka: formatting storage failed:\n${failed.out}`);
  }

  // A cluster's JVMs share the machine: a small heap each, a serial collector and the quick
  // compiler keep three of them within two cores.
  const jvm = cluster
    ? ['-Xms64m', `-Xmx${opts.heap}`, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1']
    : ['-Xms256m', `-Xmx${opts.heap}`, '-XX:+UseG1GC'];
  let stopping = false;
  const forget = () => {
    rmSync(files.brokers, { force: true });
    if (readPid(files.launcher) === process.pid) rmSync(files.launcher, { force: true });
  };
  const running = () => nodes.filter((n) => n.child && n.child.exitCode === null && n.child.signalCode === null);

  const launch = (node) => {
    const child = spawn('java', [...jvm, '-Djava.awt.headless=true', ...jvmLog(node),
      '-cp', cp, 'kafka.Kafka', node.propsFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    node.child = child;
    node.stderr = '';
    writeFileSync(node.pidFile, String(child.pid));
    child.stderr.on('data', (d) => { node.stderr = (node.stderr + d).slice(-8000); });
    child.once('exit', (code, signal) => {
      if (readPid(node.pidFile) === child.pid) rmSync(node.pidFile, { force: true });
      if (stopping) {
        if (running().length === 0) { forget(); process.exit(exitCode); }
        return;
      }
      const where = `see ${node.logsDir}/broker.log\n${node.stderr}`;
      if (!cluster) {
        forget();
        process.stderr.write(`start-kafka: broker exited early (code ${code}, signal ${signal}); ${where}`);
        process.exit(1);
      }
      const now = Date.now();
      node.exits = [...node.exits.filter((t) => now - t < 60_000), now];
      if (node.exits.length >= 3) {
        process.stderr.write(`start-kafka: node ${node.id} exited 3 times within a minute (last: code ${code}, signal ${signal}); stopping the cluster; ${where}`);
        stop(1);
        return;
      }
      process.stderr.write(`start-kafka: node ${node.id} exited (code ${code}, signal ${signal}); starting it again on port ${node.port}\n`);
      setTimeout(() => { if (!stopping) restart(node); }, 500);
    });
  };

  const restart = async (node) => {
    launch(node);
    const child = node.child;
    while (!(await canConnect(node.port))) {
      if (stopping || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!stopping) process.stdout.write(`BROKER_RESTARTED=${node.id}\n`);
  };

  let exitCode = 0;
  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    // Clients that look now must not find an address that is about to go away.
    rmSync(files.brokers, { force: true });
    const alive = running();
    if (alive.length === 0) { forget(); process.exit(exitCode); }
    for (const n of alive) n.child.kill('SIGTERM');
    // A broker that ignores SIGTERM for 30 s is killed: the data directory survives either way.
    // (The last nodes of a cluster can wait on a controller quorum that is already gone.)
    setTimeout(() => { for (const n of running()) n.child.kill('SIGKILL'); }, cluster ? 15_000 : 30_000).unref();
  };
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  process.on('SIGHUP', () => stop());
  if (opts.stopWhenStdinCloses) {
    // The starter holds the other end of stdin: when it dies, even by kill -9, the pipe closes.
    process.stdin.on('end', () => stop());
    process.stdin.on('error', () => stop());
    process.stdin.resume();
    // Its ends of stdout and stderr close too; a write then fails with EPIPE, which must not
    // crash this launcher before it has stopped the brokers.
    process.stdout.on('error', () => stop());
    process.stderr.on('error', () => stop());
  }

  for (const node of nodes) launch(node);
  const deadline = Date.now() + 90_000;
  for (const node of nodes) {
    while (!(await canConnect(node.port))) {
      if (stopping) return;
      if (Date.now() > deadline) { stop(1); throw new Error(`start-kafka: broker ${node.id} did not accept connections on ${node.port} within 90 s`); }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (stopping) return;
  const addresses = nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  writeFileSync(files.brokers, addresses);
  process.stdout.write(`KAFKA_BROKERS=${addresses}\n`);
}

main().catch((err) => { process.stderr.write(`${err.message}\n`); process.exit(1); });

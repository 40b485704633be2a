// The one wrapper around the Kafka client. Services speak to these small interfaces, never to
// kafkajs directly, so the client can be swapped (for example for @confluentinc/kafka-javascript's
// KafkaJS-compatible API) in this package alone.
import { Kafka, logLevel, Partitioners, type Consumer as KjsConsumer, type Producer as KjsProducer, type IHeaders, type Admin, type Message } from 'kafkajs';
import { DEFAULT_PARTITIONS, topicNames, type TopicNames } from '@qunpulse/contracts';
import { silentLogger, type Logger } from '@qunpulse/runtime';
import { chunkRecords } from './chunks.js';
import { partitionGuard } from './partition-guard.js';
import { rememberingPartitioner } from './partitioner.js';
import { DEFAULT_SESSION_TIMEOUT_MS, type KafkaSettings } from './settings.js';

// kafkajs schedules its request-queue check with a computed delay that can be negative on Node ≥ 23;
// Node clamps it to 1 ms and warns on every request. The warning says nothing about our data.
let warningFilterInstalled = false;
function ignoreKafkajsTimeoutWarnings(): void {
  if (warningFilterInstalled) return;
  warningFilterInstalled = true;
  const others = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if (w.name === 'TimeoutNegativeWarning') return;
    if (others.length) for (const l of others) l(w);
    else process.stderr.write(`${w.name}: ${w.message}\n`);
  });
}

/** Sends of one chunk before a send that keeps leaving partitions out is an error. */
const MAX_RESENDS = 5;

export interface OutRecord {
  key: string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
}

export interface InRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface Producer {
  /** Resolves once the broker has acknowledged every record (acks=all). */
  send(topic: string, records: OutRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface Batch {
  topic: string;
  partition: number;
  records: InRecord[];
  /** Offset of the newest record in the partition when the batch was fetched (for lag). */
  highWatermark: string;
  heartbeat(): Promise<void>;
  /** True once the consumer has been asked to stop; handlers may stop early. */
  isStopping(): boolean;
}

/**
 * A batch handler resolves once every record of the batch is durably handled (stored or
 * dead-lettered); only then are its offsets committed. A handler that throws leaves the batch
 * uncommitted, so it is fetched again.
 */
export type BatchHandler = (batch: Batch) => Promise<void>;

export interface BatchConsumer {
  run(handler: BatchHandler): Promise<void>;
  /** Stops fetching, lets the batch in hand finish, commits its offsets, leaves the group. */
  stop(): Promise<void>;
  /** Lag per partition: high watermark minus committed offset. */
  lag(): Promise<{ partition: number; lag: number }[]>;
}

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  /** How long the broker may wait to fill a fetch; lower means fresher, higher means larger batches. */
  maxWaitTimeInMs?: number;
  maxBytesPerPartition?: number;
}

function toHeaders(h: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? String(v[0]) : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
  return out;
}

// kafkajs logs at ERROR every failed request it is about to retry (a coordinator still loading, a
// leader moving); the ones that matter surface as rejected promises. So its errors are warnings
// here, and its advice about its own defaults is debug.
const KAFKAJS_ADVICE = /switched default partitioner|Limiting retries for the idempotent producer/;

function kafkaLogCreator(log: Logger) {
  return () => ({ level, log: entry }: { level: number; log: { message: string } & Record<string, unknown> }) => {
    const { message, ...rest } = entry;
    if (KAFKAJS_ADVICE.test(message)) log.debug(rest, `kafka: ${message}`);
    else if (level <= logLevel.WARN) log.warn(rest, `kafka: ${message}`);
    else log.debug(rest, `kafka: ${message}`);
  };
}

/** Copies per partition and writes' quorum for a cluster of `brokers` (-1: the broker's default). */
export function replicationFor(brokers: number): { replicationFactor: number; configEntries: { name: string; value: string }[] } {
  if (brokers >= 3) return { replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] };
  return { replicationFactor: -1, configEntries: [] };
}

export class KafkaBus {
  readonly topics: TopicNames;
  private readonly kafka: Kafka;
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(readonly settings: KafkaSettings, private readonly log: Logger = silentLogger()) {
    this.topics = topicNames(settings.namespace);
    ignoreKafkajsTimeoutWarnings();
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(log),
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
  }

  /**
   * Creates the qunpulse topics if they do not exist yet. On a cluster of three brokers or more,
   * each partition keeps 3 copies and an acks=all write needs 2 of them: one broker can die
   * without losing an acknowledged record or stopping writes. A smaller cluster gets its brokers'
   * defaults.
   */
  async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const { brokers } = await admin.describeCluster();
      const placement = replicationFor(brokers.length);
      const wanted = (Object.keys(this.topics) as (keyof TopicNames)[])
        .filter((k) => !existing.has(this.topics[k]))
        .map((k) => ({ topic: this.topics[k], numPartitions: DEFAULT_PARTITIONS[k], ...placement }));
      if (!wanted.length) return;
      await admin.createTopics({ topics: wanted, waitForLeaders: false });
      // kafkajs's own wait gives up when the broker it asks has not heard of the topic yet (a
      // cluster propagates new topics to its brokers one by one), so wait for every leader here.
      const topics = wanted.map((t) => t.topic);
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          const meta = await admin.fetchTopicMetadata({ topics });
          if (meta.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
        } catch (err) {
          if (!(err as { retriable?: boolean }).retriable) throw err;
        }
        if (Date.now() > deadline) throw new Error(`kafka: topics ${topics.join(', ')} were created but have no leaders after 60 s`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** The ids of the brokers the cluster has registered (and not fenced). */
  async brokerIds(): Promise<number[]> {
    return this.admin(async (a) => (await a.describeCluster()).brokers.map((b) => b.nodeId).sort((x, y) => x - y));
  }

  async admin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try { return await fn(admin); } finally { await admin.disconnect(); }
  }

  async producer(opts: { idempotent?: boolean } = {}): Promise<Producer> {
    const idempotent = opts.idempotent ?? true;
    const guard = partitionGuard(rememberingPartitioner(Partitioners.DefaultPartitioner));
    const log = this.log;
    const p: KjsProducer = this.kafka.producer({
      idempotent,
      // kafkajs keeps ordering with idempotence only with one request in flight per broker.
      maxInFlightRequests: idempotent ? 1 : 5,
      allowAutoTopicCreation: false,
      // The Java client's murmur2 partitioner: a key lands on the same partition from any client.
      createPartitioner: guard.createPartitioner,
    });
    await p.connect();
    let closed = false;
    const close = async () => { if (!closed) { closed = true; await p.disconnect(); } };
    this.closers.push(close);
    return {
      async send(topic, records) {
        for (const chunk of chunkRecords(records)) {
          let messages: Message[] = chunk.map((r) => ({ key: r.key, value: r.value, ...(r.headers ? { headers: r.headers } : {}) }));
          for (let attempt = 1; messages.length; attempt++) {
            const acks = await p.send({ topic, acks: -1, messages });
            messages = guard.unacknowledged(topic, messages, acks);
            if (messages.length && attempt >= MAX_RESENDS) {
              throw new Error(`kafka: ${messages.length} records to ${topic} were not acknowledged after ${attempt} sends`);
            }
            if (messages.length) log.warn({ topic, records: messages.length, attempt }, 'kafka: a send resolved without acknowledging every partition; sending those records again');
          }
        }
      },
      close,
    };
  }

  async consumer(opts: ConsumerOptions): Promise<BatchConsumer> {
    // kafkajs has no static membership: a member that died without leaving holds the group until
    // its session times out, and a restarted consumer cannot join before. A short session makes a
    // restart resume within seconds; heartbeats while a batch is handled (below) keep a slow
    // insert from costing the member its partitions.
    const sessionTimeout = this.settings.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    const heartbeatInterval = Math.max(200, Math.min(3_000, Math.floor(sessionTimeout / 6)));
    // Groups share the topics' namespace: deployments sharing a cluster never join each other's groups.
    const groupId = this.settings.namespace ? `${this.settings.namespace}.${opts.groupId}` : opts.groupId;
    // A fetch is held whole while its batches are stored, and parsed events and insert rows grow
    // from it: 4 MiB per partition and 16 MiB per fetch kept the event store under 1 GiB (865–895 MiB
    // against 1,054–1,096 MiB at 8 / 32 MiB, interleaved bench runs) at the same throughput.
    const c: KjsConsumer = this.kafka.consumer({
      groupId,
      maxWaitTimeInMs: opts.maxWaitTimeInMs ?? 250,
      maxBytesPerPartition: opts.maxBytesPerPartition ?? 4 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      sessionTimeout,
      heartbeatInterval,
      allowAutoTopicCreation: false,
    });
    await c.connect();
    for (const topic of opts.topics) await c.subscribe({ topic, fromBeginning: opts.fromBeginning ?? true });
    let stopping = false;
    let stopped = false;
    const log = this.log;
    const kafka = this.kafka;
    const stop = async () => {
      if (stopped) return;
      stopping = true;
      stopped = true;
      // disconnect() waits for the running eachBatch, commits resolved offsets and leaves the group.
      await c.disconnect();
    };
    this.closers.push(stop);
    return {
      async run(handler) {
        await c.run({
          autoCommit: true,
          autoCommitInterval: 1_000,
          // Commit after every stored batch: batches are large, and lag then tells exactly what is stored.
          autoCommitThreshold: 1,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: 1,
          eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
            if (!isRunning() || isStale() || batch.messages.length === 0) return;
            const records: InRecord[] = batch.messages.map((m) => ({
              topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key ?? null,
              value: m.value ?? null, headers: toHeaders(m.headers), timestamp: m.timestamp,
            }));
            const beat = setInterval(() => {
              // A failed heartbeat (a rebalance began) surfaces when the offsets are committed.
              heartbeat().catch((err: unknown) => log.debug({ err }, 'heartbeat during a batch failed'));
            }, heartbeatInterval);
            try {
              await handler({
                topic: batch.topic, partition: batch.partition, records, highWatermark: batch.highWatermark,
                heartbeat, isStopping: () => stopping,
              });
            } finally {
              clearInterval(beat);
            }
            // Offsets are resolved only after the handler has stored the batch, in order.
            resolveOffset(batch.lastOffset());
            await commitOffsetsIfNecessary();
            await heartbeat();
          },
        });
      },
      stop,
      async lag() {
        const admin = kafka.admin();
        await admin.connect();
        try {
          const out: { partition: number; lag: number }[] = [];
          for (const topic of opts.topics) {
            const [ends, committed] = await Promise.all([
              admin.fetchTopicOffsets(topic),
              admin.fetchOffsets({ groupId, topics: [topic] }),
            ]);
            const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
            for (const e of ends) {
              const c = done.get(e.partition) ?? -1;
              out.push({ partition: e.partition, lag: Number(e.high) - (c < 0 ? Number(e.low) : c) });
            }
          }
          return out;
        } catch (err) {
          log.warn({ err }, 'could not read consumer lag');
          throw err;
        } finally {
          await admin.disconnect();
        }
      },
    };
  }

  /** Closes every producer and consumer this bus opened, most recent first. */
  async close(): Promise<void> {
    while (this.closers.length) await this.closers.pop()!();
  }
}

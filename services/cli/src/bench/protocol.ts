// Messages between the benchmark driver and its consumer process (the real event store with its own
// warehouse), so the consumer runs on its own core and its memory is measured on its own.

export interface ConsumerStart {
  type: 'start';
  brokers: string[];
  namespace: string;
  clientId: string;
  groupId: string;
  /** Where the embedded warehouse keeps its data (a fresh directory per run). */
  dataDir: string;
}

export type ToConsumer =
  | ConsumerStart
  | { type: 'query'; id: number; name: 'correctness' | 'freshness'; tenantId: string }
  /** KOL recompute of every stored group plus the synthetic per-size timings. */
  | { type: 'kol'; id: number; asOf: number; sizes: number[]; runs: number }
  /** CPU profile of the consumer's main thread: start, then stop writing `file` (answers a ProfileSummary). */
  | { type: 'profile'; id: number; action: 'start' }
  | { type: 'profile'; id: number; action: 'stop'; file: string; events: number }
  | { type: 'stop' };

/** The requests that are answered with a result, without the id the process adds. */
export type ConsumerRequest =
  | { type: 'query'; name: 'correctness' | 'freshness'; tenantId: string }
  | { type: 'kol'; asOf: number; sizes: number[]; runs: number }
  | { type: 'profile'; action: 'start' }
  | { type: 'profile'; action: 'stop'; file: string; events: number };

export interface Correctness {
  /** Rows as stored (redelivered records would show as extra rows before merging). */
  rows: number;
  /** Rows after deduplication on the idempotency key (SELECT … FINAL). */
  finalRows: number;
  distinctIds: number;
}

export interface Freshness {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type FromConsumer =
  | { type: 'ready'; pid: number }
  | { type: 'stored'; stored: number; rejected: number; batches: number; at: number; cpuMicros: number }
  /** heapBytes: V8 heap reserved (heapUsedBytes of it live or not yet collected); externalBytes: memory of Buffers and other objects outside it. */
  | { type: 'sample'; at: number; rssBytes: number; heapBytes: number; heapUsedBytes: number; externalBytes: number; lag: number; cpuMicros: number }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; message: string };

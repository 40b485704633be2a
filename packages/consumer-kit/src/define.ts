// What a consumer is: a name, the topic it reads, the contract its records follow, and a batch
// handler that says, record by record, what became of each one.
import type { Contract, TopicKey } from '@qunpulse/contracts';
import type { InRecord, StepResult } from '@qunpulse/kafka';
import type { Logger } from '@qunpulse/runtime';

/** A record the contract could read, with the Kafka record it came from (headers, offset, key). */
export interface Item<T> {
  record: InRecord;
  value: T;
}

export interface HandlerContext {
  topic: string;
  partition: number;
  log: Logger;
  /** Keeps the consumer's partitions during long writes; the kit also beats while a handler runs. */
  heartbeat(): Promise<void>;
  /** True once the consumer was asked to stop: a handler may return `retry` early, nothing is committed then. */
  isStopping(): boolean;
}

/**
 * One outcome per item, index for index:
 * - `ok()`: durably handled (written, or already there);
 * - `drop(reason)`: not wanted here, on purpose (counted, not dead-lettered);
 * - `dlq(step, reason)`: this record can never be handled: dead-lettered with its bytes and the reason;
 * - `retry(reason)`: not now (a dependency is down): the kit backs off and hands these items again.
 * The batch's offsets are committed only after every item is ok, dropped or dead-lettered.
 */
export type Outcome = StepResult<unknown>;

export type BatchHandler<T> = (items: readonly Item<T>[], ctx: HandlerContext) => Promise<readonly Outcome[]>;

export interface ConsumerDefinition<T> {
  /** Names the consumer in logs, metrics and dead letters; the default consumer group. */
  name: string;
  /** The topic read (namespaced by the bus); default `chatEvents`. */
  topic?: TopicKey;
  /** Consumer group (namespaced by the bus); default `name`. */
  groupId?: string;
  contract: Contract<T>;
  handle: BatchHandler<T>;
  /** Attempts per record before a record still asking to retry is dead-lettered; default: retry until stopped. */
  maxAttempts?: number;
  /** First and largest wait between attempts (ms); default 200 and 5000, doubling. */
  backoff?: { firstMs: number; maxMs: number };
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** Checks a definition once, where it is written, so a bad name fails before anything connects. */
export function defineConsumer<T>(def: ConsumerDefinition<T>): ConsumerDefinition<T> {
  if (!NAME.test(def.name)) {
    throw new Error(`consumer name ${JSON.stringify(def.name)}: must be lower-case letters, digits and "-", starting with a letter (at most 63)`);
  }
  if (def.maxAttempts !== undefined && (!Number.isInteger(def.maxAttempts) || def.maxAttempts < 1)) {
    throw new Error(`consumer ${def.name}: maxAttempts must be a whole number ≥ 1 (got ${def.maxAttempts})`);
  }
  if (def.backoff && !(def.backoff.firstMs > 0 && def.backoff.maxMs >= def.backoff.firstMs)) {
    throw new Error(`consumer ${def.name}: backoff needs 0 < firstMs ≤ maxMs (got ${def.backoff.firstMs}, ${def.backoff.maxMs})`);
  }
  return def;
}

// kafkajs gives up on a send after its own retries (about 30 s with the bus's settings), while a
// request may wait for Kafka as long as INGEST_PRODUCE_TIMEOUT_MS says: a broker restarting takes
// longer than kafkajs waits. A send that failed for a reason that may pass (the broker unreachable,
// a leader moving) is tried again until that deadline; anything else fails at once.
import type { Producer } from '@qunpulse/kafka';

/** Whether the error, or what caused it, is one Kafka's client marks as worth retrying. */
export function transientKafkaError(err: unknown): boolean {
  for (let e = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const x = e as { retriable?: unknown; cause?: unknown; originalError?: unknown };
    if (x.retriable === true) return true;
    e = x.cause ?? x.originalError;
  }
  return false;
}

export function patientProducer(inner: Producer, waitMs: number, now: () => number = Date.now): Producer {
  return {
    async send(topic, records) {
      const deadline = now() + waitMs;
      for (let attempt = 0; ; attempt++) {
        try {
          await inner.send(topic, records);
          return;
        } catch (err) {
          const pause = Math.min(250 * 2 ** attempt, 5_000);
          if (!transientKafkaError(err) || now() + pause >= deadline) throw err;
          await new Promise((r) => setTimeout(r, pause));
        }
      }
    },
    close: () => inner.close(),
  };
}

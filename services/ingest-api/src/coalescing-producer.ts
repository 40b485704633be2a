// Group commit for concurrent requests. The idempotent producer keeps one request in flight per
// broker, so concurrent requests would queue one Kafka round trip each; instead, records that
// arrive while a send is in flight wait and go out together in the next send, and each request
// still resolves only once Kafka acknowledged its own records.
import type { OutRecord, Producer } from '@qunpulse/kafka';

interface Waiting {
  records: OutRecord[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function coalescingProducer(inner: Producer, maxRecordsPerSend = 20_000): Producer {
  const queues = new Map<string, Waiting[]>();
  let sending = false;

  async function drain(): Promise<void> {
    sending = true;
    try {
      while (queues.size) {
        const round: Promise<void>[] = [];
        for (const [topic, queue] of queues) {
          // Take whole requests until the send is full, so a request's records travel together.
          const taken: Waiting[] = [];
          let n = 0;
          while (queue.length && (n === 0 || n + queue[0]!.records.length <= maxRecordsPerSend)) {
            const w = queue.shift()!;
            n += w.records.length;
            taken.push(w);
          }
          if (!queue.length) queues.delete(topic);
          round.push(inner.send(topic, taken.flatMap((w) => w.records)).then(
            () => { for (const w of taken) w.resolve(); },
            (err: unknown) => { for (const w of taken) w.reject(err); },
          ));
        }
        await Promise.all(round);
      }
    } finally {
      sending = false;
    }
  }

  return {
    send(topic, records) {
      if (!records.length) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const queue = queues.get(topic) ?? [];
        queue.push({ records, resolve, reject });
        queues.set(topic, queue);
        if (!sending) void drain();
      });
    },
    close: () => inner.close(),
  };
}

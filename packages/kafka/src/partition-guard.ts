// kafkajs 2.2.4 can resolve a send without writing all of it. A send that fails on one leader is
// retried with the leaders looked up again, but a broker that already answered is skipped: when a
// partition's leadership moves onto that broker (its leader was killed), that partition's records
// are never sent, and the send still resolves (measured: 334 of 30,000 records gone after a
// kill -9, test/kafka-three-brokers.test.ts). So each record's partition is fixed the first time
// the partitioner sees it, and every partition a send placed records on must appear among the
// send's acknowledgements; the records of a partition that does not are sent again.
import { Partitioners, type ICustomPartitioner, type Message, type PartitionerArgs, type RecordMetadata } from 'kafkajs';

export interface PartitionGuard {
  /** For the producer's createPartitioner: the Java client's murmur2, one answer per record. */
  createPartitioner: () => (args: PartitionerArgs) => number;
  /** The records whose partition no acknowledgement names (none when the send was whole). */
  unacknowledged(topic: string, sent: readonly Message[], acks: readonly RecordMetadata[]): Message[];
}

/** `create`: where a record goes the first time (the Java client's murmur2 unless told otherwise). */
export function partitionGuard(create: ICustomPartitioner = Partitioners.DefaultPartitioner): PartitionGuard {
  const placed = new WeakMap<Message, number>();
  return {
    createPartitioner() {
      const murmur2 = create();
      return (args) => {
        let p = placed.get(args.message);
        if (p === undefined) {
          // A record without a key gets a partition at random: it must keep that one on a retry.
          p = murmur2(args);
          placed.set(args.message, p);
        }
        return p;
      };
    },
    unacknowledged(topic, sent, acks) {
      const acked = new Set(acks.filter((a) => a.topicName === topic && a.errorCode === 0).map((a) => a.partition));
      return sent.filter((m) => {
        const p = placed.get(m);
        if (p === undefined) throw new Error(`kafka: a record sent to ${topic} was never given a partition`);
        return !acked.has(p);
      });
    },
  };
}

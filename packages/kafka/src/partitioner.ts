// The Java client's keyed placement (murmur2 of the key modulo the partition count), remembered per
// key: chat events are keyed by tenant and group, so a send of thousands of records carries a few
// hundred keys, and kafkajs would hash every record's key again in JavaScript.
import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs';

/** Keys remembered per topic and partition count; past it the memory starts afresh. */
export const REMEMBERED_KEYS = 100_000;

export function rememberingPartitioner(create: ICustomPartitioner): ICustomPartitioner {
  return () => {
    const place = create();
    const byTopic = new Map<string, Map<string, number>>();
    return (args: PartitionerArgs) => {
      const { topic, partitionMetadata, message } = args;
      // Explicit partitions and unkeyed records (round robin) are the partitioner's own business.
      if (message.partition !== undefined && message.partition !== null) return place(args);
      if (typeof message.key !== 'string') return place(args);
      const slot = `${topic}\u0000${partitionMetadata.length}`;
      let known = byTopic.get(slot);
      if (!known) byTopic.set(slot, (known = new Map()));
      let partition = known.get(message.key);
      if (partition === undefined) {
        partition = place(args);
        if (known.size >= REMEMBERED_KEYS) known.clear();
        known.set(message.key, partition);
      }
      return partition;
    };
  };
}

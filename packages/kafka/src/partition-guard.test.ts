import { describe, expect, it } from 'vitest';
import { Partitioners, type Message, type PartitionerArgs } from 'kafkajs';
import { partitionGuard } from './partition-guard.js';

const partitionMetadata = Array.from({ length: 6 }, (_, i) => ({ partitionId: i, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
const args = (message: Message): PartitionerArgs => ({ topic: 't', partitionMetadata, message });

describe('partitionGuard', () => {
  it('places keyed records as the Java client does, and keeps a keyless record on its first partition', () => {
    const guard = partitionGuard();
    const place = guard.createPartitioner();
    const javaLike = Partitioners.DefaultPartitioner();
    const keyed: Message = { key: 'acme|qq|g-1', value: 'x' };
    expect(place(args(keyed))).toBe(javaLike(args({ key: 'acme|qq|g-1', value: 'x' })));
    const keyless: Message = { key: null, value: 'y' };
    const first = place(args(keyless));
    for (let i = 0; i < 20; i++) expect(place(args(keyless))).toBe(first);
  });

  it('returns the records of every partition no acknowledgement names', () => {
    const guard = partitionGuard();
    const place = guard.createPartitioner();
    const sent: Message[] = Array.from({ length: 60 }, (_, i) => ({ key: `k-${i}`, value: String(i) }));
    const partitions = sent.map((m) => place(args(m)));
    const acked = [...new Set(partitions)].filter((p) => p !== partitions[0]);
    const acks = acked.map((partition) => ({ topicName: 't', partition, errorCode: 0 }));
    const missing = guard.unacknowledged('t', sent, acks);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing).toEqual(sent.filter((_, i) => partitions[i] === partitions[0]));
    expect(guard.unacknowledged('t', sent, [...acks, { topicName: 't', partition: partitions[0]!, errorCode: 0 }])).toEqual([]);
  });

  it('refuses a record the partitioner never saw', () => {
    expect(() => partitionGuard().unacknowledged('t', [{ key: 'k', value: 'v' }], [])).toThrow(/never given a partition/);
  });
});

import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { chatEventKey } from '@qunpulse/contracts';
import { REMEMBERED_KEYS, rememberingPartitioner } from './partitioner.js';

const metadata = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));

describe('rememberingPartitioner', () => {
  it('places every key where the Java-compatible partitioner does, for any partition count', () => {
    const java = Partitioners.DefaultPartitioner();
    const mine = rememberingPartitioner(Partitioners.DefaultPartitioner)();
    for (const n of [1, 3, 6, 12, 50]) {
      for (let i = 0; i < 2_000; i++) {
        const key = chatEventKey({ tenantId: `t${i % 7}`, groupId: `群-${i % 400}-${i}` });
        const args = { topic: 'chat-events', partitionMetadata: metadata(n), message: { key, value: 'v' } };
        // Twice: the remembered answer equals the computed one.
        expect([mine(args), mine(args)]).toEqual([java(args), java(args)]);
      }
    }
  });

  it('leaves explicit partitions to the partitioner, and forgets past its bound without moving keys', () => {
    const mine = rememberingPartitioner(Partitioners.DefaultPartitioner)();
    const java = Partitioners.DefaultPartitioner();
    expect(mine({ topic: 't', partitionMetadata: metadata(6), message: { key: 'k', value: 'v', partition: 4 } })).toBe(4);
    const first = { topic: 't', partitionMetadata: metadata(6), message: { key: 'k', value: 'v' } };
    const before = mine(first);
    for (let i = 0; i <= REMEMBERED_KEYS; i++) mine({ topic: 't', partitionMetadata: metadata(6), message: { key: `k${i}`, value: 'v' } });
    expect(mine(first)).toBe(before);
    expect(before).toBe(java(first));
  });
});

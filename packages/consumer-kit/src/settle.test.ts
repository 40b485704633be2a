import { describe, expect, it } from 'vitest';
import { dlq, drop, ok, retry, type InRecord } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { chatEventContract } from '@qunpulse/contracts';
import { defineConsumer, type HandlerContext, type Item, type Outcome } from './define.js';
import { settle, StoppedWhileRetrying } from './settle.js';

const item = (n: number): Item<number> => ({ value: n, record: { topic: 't', partition: 0, offset: String(n), key: null, value: null, headers: {}, timestamp: '0' } as InRecord });
const ctx = (stopping = () => false): HandlerContext => ({ topic: 't', partition: 0, log: silentLogger(), heartbeat: async () => {}, isStopping: stopping });

function consumer(handle: (values: number[]) => Outcome[], extra: { maxAttempts?: number } = {}) {
  const calls: number[][] = [];
  const def = defineConsumer<number>({
    name: 'test', contract: chatEventContract as never, ...extra,
    handle: async (items) => { calls.push(items.map((i) => i.value)); return handle(items.map((i) => i.value)); },
  });
  return { def, calls };
}

describe('settle', () => {
  it('hands again only the records that asked to retry, with doubling waits', async () => {
    let failures = 2;
    const { def, calls } = consumer((vs) => vs.map((v) => (v === 2 && failures-- > 0 ? retry('down') : v === 3 ? drop('no') : v === 4 ? dlq('store', 'bad') : ok())));
    const waits: number[] = [];
    const out = await settle(def, [1, 2, 3, 4].map(item), ctx(), { sleep: async (ms) => { waits.push(ms); } });
    expect(out.map((o) => o.kind)).toEqual(['ok', 'ok', 'drop', 'dlq']);
    expect(calls).toEqual([[1, 2, 3, 4], [2], [2]]);
    expect(waits).toEqual([200, 400]);
  });

  it('dead-letters a record still asking to retry after maxAttempts, naming the last reason', async () => {
    const { def } = consumer((vs) => vs.map(() => retry('timeout')), { maxAttempts: 3 });
    const out = await settle(def, [item(1)], ctx(), { sleep: async () => {} });
    expect(out).toEqual([{ kind: 'dlq', step: 'retry', reason: 'gave up after 3 attempts: timeout' }]);
  });

  it('leaves the batch uncommitted when asked to stop while records wait to be retried', async () => {
    const { def } = consumer((vs) => vs.map(() => retry('down')));
    await expect(settle(def, [item(1)], ctx(() => true), { sleep: async () => {} })).rejects.toBeInstanceOf(StoppedWhileRetrying);
  });

  it('refuses a handler that does not answer once per record', async () => {
    const { def } = consumer(() => [ok()]);
    await expect(settle(def, [item(1), item(2)], ctx())).rejects.toThrow('consumer test: the handler returned 1 outcomes for 2 records (one per record, in order)');
  });

  it('names what is wrong with a definition', () => {
    expect(() => defineConsumer({ name: 'Link Sharing', contract: chatEventContract, handle: async () => [] })).toThrow(/consumer name "Link Sharing": must be lower-case/);
    expect(() => defineConsumer({ name: 'x', contract: chatEventContract, handle: async () => [], maxAttempts: 0 })).toThrow('consumer x: maxAttempts must be a whole number ≥ 1 (got 0)');
  });
});

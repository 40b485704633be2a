// The kit's loop on the real broker: a handler that asks to retry is backed off and handed the
// records again, offsets are committed only after it settles, and the metrics say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEventContract, HEADERS } from '@qunpulse/contracts';
import { ok, retry, type KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { defineConsumer } from './define.js';
import { runConsumer } from './run.js';
import { testBus, uniqueName, waitFor } from './testing.js';

const event = (id: string) => JSON.stringify({
  eventId: id, type: 'message', tenantId: 't', platform: 'irc', groupId: 'g', memberId: 'm', occurredAt: Date.now() - 1_000, message: { kind: 'text' },
});

describe('runConsumer', () => {
  let bus: KafkaBus;
  beforeAll(async () => { bus = await testBus('kit'); });
  afterAll(async () => { await bus?.close(); });

  it('retries with backoff, commits after the handler settles, and reports metrics', async () => {
    const producer = await bus.producer();
    await producer.send(bus.topics.chatEvents, ['a', 'b', 'c'].map((id) => ({ key: 'k', value: event(id), headers: { [HEADERS.schema]: 'chat-event/v1' } })));
    await producer.send(bus.topics.chatEvents, [{ key: 'k', value: '' }]);
    await producer.close();
    let refusals = 2;
    const seen: string[] = [];
    const def = defineConsumer({
      name: 'kit-test', contract: chatEventContract, backoff: { firstMs: 50, maxMs: 100 },
      handle: async (items) => {
        if (refusals-- > 0) return items.map(() => retry('store down'));
        seen.push(...items.map((i) => i.value.eventId));
        return items.map(() => ok());
      },
    });
    const groupId = uniqueName('kit');
    const running = await runConsumer(def, { bus, groupId, log: silentLogger() });
    await waitFor(async () => running.stats.ok === 3 && running.stats.deadLettered === 1, 'three records stored and one dead-lettered');
    await waitFor(async () => (await running.consumer.lag()).every((p) => p.lag === 0), 'the offsets to be committed');
    const metrics = await running.registry.metrics();
    await running.stop();
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
    expect(running.stats.retries).toBe(2);
    expect(metrics).toContain('qunpulse_consumer_records_total{consumer="kit-test",outcome="ok"} 3');
    expect(metrics).toContain('qunpulse_consumer_records_total{consumer="kit-test",outcome="dlq"} 1');
    expect(metrics).toContain('qunpulse_consumer_retries_total{consumer="kit-test"} 2');
    expect(metrics).toMatch(/qunpulse_consumer_lag_records\{consumer="kit-test",topic="[^"]+",partition="\d+"\} 0/);
    expect(metrics).toContain('qunpulse_consumer_ready{consumer="kit-test"} 1');
  });
});

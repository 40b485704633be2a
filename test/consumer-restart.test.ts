// A consumer killed with SIGKILL never leaves its group; its restart must not wait for Kafka's
// default session timeout (30 s before this was measured: 29.3 s) to consume again.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaBus } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { testBus } from './support/kit.js';

const SESSION_MS = 6_000;

describe('a consumer restarted after kill -9', () => {
  let bus: KafkaBus;
  let restartedBus: KafkaBus | undefined;
  const children: ReturnType<typeof spawn>[] = [];

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await restartedBus?.close();
    await bus?.close();
  });

  it('consumes again within the session timeout and a few seconds', async () => {
    bus = await testBus('restart');
    const producer = await bus.producer();
    await producer.send(bus.topics.chatEvents, [{ key: 'k', value: 'first' }]);
    const member = spawn(process.execPath, [path.join(import.meta.dirname, 'support', 'group-member.mjs'),
      bus.settings.brokers.join(','), bus.settings.namespace, 'event-store', String(SESSION_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(member);
    await new Promise<void>((resolve, reject) => {
      member.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('consuming')) resolve(); });
      member.once('exit', (code) => reject(new Error(`the group member exited (${code}) before consuming`)));
    });
    member.kill('SIGKILL');

    const restarted = Date.now();
    restartedBus = new KafkaBus({ ...bus.settings, sessionTimeoutMs: SESSION_MS }, silentLogger());
    const again = await restartedBus.consumer({ groupId: 'event-store', topics: [bus.topics.chatEvents] });
    let resumedAt = 0;
    await again.run(async () => { resumedAt ||= Date.now(); });
    await producer.send(bus.topics.chatEvents, [{ key: 'k', value: 'after the restart' }]);
    while (!resumedAt && Date.now() - restarted < 40_000) await new Promise((r) => setTimeout(r, 50));
    const took = resumedAt - restarted;
    process.stdout.write(`consumer resumed ${took} ms after a kill -9 of the previous member (session ${SESSION_MS} ms)\n`);
    expect(resumedAt).toBeGreaterThan(0);
    expect(took).toBeLessThan(SESSION_MS + 5_000);
  });
});

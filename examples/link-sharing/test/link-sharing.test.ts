// The example extension end to end on the real broker and embedded ClickHouse: links produced to
// chat-events arrive in link_sharing_links exactly once, even when a restart redelivers every
// record; a malformed record lands in the dead-letter topic with its reason; the panel returns rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL, ChatEventPublisher, extensionDashboard, HEADERS, migrateExtension, runConsumer, runPanel, silentLogger, testBus, testWarehouse, uniqueName, waitFor,
  withExtensionSteps, type InRecord, type KafkaBus, type RunningConsumer, type Warehouse,
} from '@qunpulse/consumer-kit';
import { recompute } from '@qunpulse/analytics-worker';
import { linkSharing, linkSharingConsumer, topLinkSharers } from '../src/index.js';

const NOW = Date.now();
const T = 'acme';
const message = (id: string, member: string, text: string, minutesAgo: number) => ({
  eventId: id, type: 'message', tenantId: T, platform: 'telegram', groupId: 'data-team', memberId: member,
  occurredAt: NOW - minutesAgo * 60_000, message: { kind: 'text', text },
});

async function publish(bus: KafkaBus, events: object[]): Promise<void> {
  const producer = await bus.producer();
  const publisher = new ChatEventPublisher(bus, producer, { source: 'test', privacy: (e) => e });
  for (const e of events) await publisher.add(e, 'test');
  await publisher.flush();
  await producer.close();
}

const count = async (wh: Warehouse) => Number((await wh.query<{ n: number }>('SELECT count() AS n FROM link_sharing_links'))[0]!.n);

describe('link-sharing extension', () => {
  let bus: KafkaBus;
  let wh: Warehouse;
  let running: RunningConsumer | undefined;
  const groupId = uniqueName('links');
  const start = async () => { running = await runConsumer(linkSharingConsumer(wh), { bus, groupId, log: silentLogger() }); };

  beforeAll(async () => {
    bus = await testBus('links');
    wh = await testWarehouse();
    expect(await migrateExtension(wh, linkSharing)).toEqual([1]);
    expect(await migrateExtension(wh, linkSharing)).toEqual([]);
  });
  afterAll(async () => {
    await running?.stop();
    await bus?.close();
    await wh?.close();
  });

  it('stores each shared link once, even when a restart redelivers every record', async () => {
    await publish(bus, [
      message('e1', 'ana', 'see https://github.com/qunpulse/qunpulse and https://www.example.org/guide#setup.', 50),
      message('e2', 'bo', 'thanks!', 40),
      message('e3', 'bo', 'mine: https://docs.example.org/a', 30),
      { ...message('e4', 'chen', '', 20), type: 'member_joined', join: { via: 'link' } },
    ]);
    await start();
    await waitFor(async () => running!.stats.ok + running!.stats.dropped === 4, 'the first four records to be settled');
    expect(await count(wh)).toBe(3);
    expect(running!.stats).toMatchObject({ ok: 2, dropped: 2, deadLettered: 0 });
    await running!.stop();

    // The restart reads everything again (as after a crash between the write and the commit), plus a new link.
    await bus.admin((a) => a.resetOffsets({ groupId: `${bus.settings.namespace}.${groupId}`, topic: bus.topics.chatEvents, earliest: true }));
    await publish(bus, [message('e5', 'ana', 'one more https://example.org/b', 10)]);
    await start();
    await waitFor(async () => running!.stats.ok + running!.stats.dropped === 5, 'all five records to be settled again');
    expect(await count(wh)).toBe(4);
    const rows = await wh.query<{ event_id: string; url: string; domain: string }>('SELECT event_id, url, domain FROM link_sharing_links ORDER BY event_id, url');
    expect(rows).toEqual([
      { event_id: 'e1', url: 'https://github.com/qunpulse/qunpulse', domain: 'github.com' },
      { event_id: 'e1', url: 'https://www.example.org/guide', domain: 'example.org' },
      { event_id: 'e3', url: 'https://docs.example.org/a', domain: 'docs.example.org' },
      { event_id: 'e5', url: 'https://example.org/b', domain: 'example.org' },
    ]);
  });

  it('dead-letters a malformed record with its original bytes and reason', async () => {
    const malformed = '{"eventId":"bad-1","type":"message","tenantId":"acme"';
    const producer = await bus.producer();
    await producer.send(bus.topics.chatEvents, [{ key: 'acme', value: malformed }]);
    await producer.close();
    await waitFor(async () => running!.stats.deadLettered === 1, 'the malformed record to be dead-lettered');
    const dead: InRecord[] = [];
    const reader = await bus.consumer({ groupId: uniqueName('dlq-reader'), topics: [bus.topics.deadLetter] });
    await reader.run(async (batch) => { dead.push(...batch.records); });
    await waitFor(async () => dead.length === 1, 'the dead letter');
    await reader.stop();
    expect(dead[0]!.value!.toString('utf8')).toBe(malformed);
    expect(dead[0]!.headers).toMatchObject({
      [HEADERS.dlqStep]: 'validate', [HEADERS.dlqConsumer]: 'link-sharing',
      [HEADERS.dlqOrigin]: expect.stringMatching(new RegExp(`^${bus.topics.chatEvents}/\\d+/\\d+$`)),
    });
    expect(dead[0]!.headers[HEADERS.dlqReason]).toMatch(/^\(record\): malformed JSON/);
  });

  it('recomputes members per day and its panel returns them', async () => {
    const groups = [{ tenantId: T, platform: 'telegram', groupId: 'data-team' }];
    const steps = withExtensionSteps([], [linkSharing]);
    expect(steps.map((s) => s.name)).toEqual(['link_sharing:member-daily']);
    await recompute({ warehouse: wh, asOf: NOW, groups, log: silentLogger() }, steps);
    const { rows } = await runPanel(wh, topLinkSharers, { tenant: T, platform: 'telegram', purpose: ALL, group: 'data-team' }, { from: NOW - 86_400_000, to: NOW + 86_400_000 });
    const expected = [
      { member_id: 'ana', links: 3, domains_in_a_day: 2, top_domain: expect.any(String) },
      { member_id: 'bo', links: 1, domains_in_a_day: 1, top_domain: 'docs.example.org' },
    ];
    expect(rows).toEqual(expected);
    // As the report runs it: the extension's dashboard, every group of the tenant.
    const dashboard = extensionDashboard(linkSharing);
    expect(dashboard).toMatchObject({ uid: 'qunpulse-ext-link-sharing', panels: [topLinkSharers] });
    const all = await runPanel(wh, dashboard.panels[0]!, { tenant: T, platform: ALL, purpose: ALL, group: ALL }, { from: NOW - 86_400_000, to: NOW + 86_400_000 });
    expect(all.rows).toEqual(expected);
  });
});

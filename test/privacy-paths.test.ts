// Without an opt-in no path stores message text. The same text is fed through `qunpulse analyze`,
// `qunpulse import`, POST /v1/events and a webhook, for a tenant that opted in and one that did not,
// over the real broker into embedded ClickHouse; chat_events.message_text holds the opted-in
// tenant's text only, while every path still stores the length, link flag and text hash.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './support/cli-in-process.js';
import { startEventStore, type EventStore } from '@qunpulse/event-store';
import { createIngestServer, hashToken, TenantDirectory, type IngestServer } from '@qunpulse/ingest-api';
import { KafkaBus, type Producer } from '@qunpulse/kafka';
import { silentLogger } from '@qunpulse/runtime';
import { EmbeddedWarehouse, migrate, type Warehouse } from '@qunpulse/warehouse';
import { testBrokers, uniqueName, waitFor } from './support/kit.js';
import { newToken } from './support/ingest.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-privacy-'));
const dataDir = path.join(dir, 'data');
const tenantsFile = path.join(dir, 'tenants.json');
const TOKENS = { acme: newToken(), optin: newToken() };
const TG_SECRET = 'tg-secret-token-123';
const TENANTS = ['acme', 'optin'] as const;
const PATHS = ['analyze', 'import', 'http', 'webhook'] as const;
const NOW_S = Math.floor(Date.now() / 1000);
const textFor = (via: string, tenant: string) => `private words sent via ${via} for ${tenant}, see https://x.example/${via}`;
/** Telegram chat ids are numbers: one per tenant. */
const TG_CHAT = { acme: -1001, optin: -1002 };

const ndjsonEvent = (via: string, tenant: string, i: number) => JSON.stringify({
  eventId: `${via}-${tenant}-${i}`, type: 'message', tenantId: tenant, platform: 'wechat', groupId: `g-${via}`, memberId: `u${i}`,
  occurredAt: (NOW_S - 3_600) * 1000 + i, message: { kind: 'text', text: textFor(via, tenant) },
});

const runCli = runCliInProcess;

function writeNdjson(via: string): string {
  const file = path.join(dir, `${via}.ndjson`);
  writeFileSync(file, TENANTS.flatMap((t) => [0, 1, 2].map((i) => ndjsonEvent(via, t, i))).join('\n') + '\n');
  return file;
}

describe('privacy on every path', () => {
  let warehouse: Warehouse;
  let bus: KafkaBus;
  let store: EventStore;
  let producer: Producer;
  let api: IngestServer;
  let analyzeDatabase: string;

  beforeAll(async () => {
    const namespace = uniqueName('privacy');
    process.env.KAFKA_BROKERS = testBrokers().join(',');
    process.env.QUNPULSE_TOPIC_NAMESPACE = namespace;
    process.env.QUNPULSE_DATA_DIR = dataDir;
    delete process.env.INGEST_TENANTS_FILE;
    delete process.env.INGEST_TENANTS_JSON;
    writeFileSync(tenantsFile, JSON.stringify({
      tenants: TENANTS.map((id) => ({ id, tokenHashes: [hashToken(TOKENS[id])], keepText: id === 'optin', webhooks: { telegram: { secretToken: TG_SECRET } } })),
    }));

    // analyze works in a database of its own; --keep leaves it for this test to read.
    const analyzed = await runCli(['analyze', 'ndjson', writeNdjson('analyze'), '--json', '--keep', '--tenants', tenantsFile]);
    expect(analyzed.code, analyzed.err).toBe(0);
    analyzeDatabase = (JSON.parse(analyzed.out) as { kept: { database: string } }).kept.database;
    const imported = await runCli(['import', 'ndjson', writeNdjson('import'), '--tenants', tenantsFile]);
    expect(imported.code, imported.err).toBe(0);

    // The warehouse `analyze` wrote to (closed again when it finished), now fed by the HTTP paths too.
    warehouse = await EmbeddedWarehouse.open(path.join(dataDir, 'clickhouse'));
    await migrate(warehouse);
    bus = new KafkaBus({ brokers: testBrokers(), clientId: 'privacy', namespace }, silentLogger());
    store = await startEventStore({ bus, warehouse, log: silentLogger(), groupId: uniqueName('store') });
    producer = await bus.producer({ idempotent: true });
    api = createIngestServer({ bus, producer, tenants: TenantDirectory.load({ file: tenantsFile }) });
    const { url } = await api.listen(0, '127.0.0.1');

    for (const tenant of TENANTS) {
      const events = [0, 1, 2].map((i) => JSON.parse(ndjsonEvent('http', tenant, i)) as object);
      const res = await fetch(`${url}/v1/events`, { method: 'POST', body: JSON.stringify(events), headers: { authorization: `Bearer ${TOKENS[tenant]}`, 'content-type': 'application/json' } });
      expect(res.status).toBe(200);
      for (let i = 0; i < 3; i++) {
        const update = { update_id: i, message: { message_id: 100 + i, date: NOW_S - 60, chat: { id: TG_CHAT[tenant], type: 'supergroup', title: 'g' }, from: { id: 7 + i, is_bot: false, first_name: 'A' }, text: textFor('webhook', tenant) } };
        const hook = await fetch(`${url}/v1/webhooks/telegram/${tenant}`, { method: 'POST', body: JSON.stringify(update), headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET } });
        expect(hook.status).toBe(200);
      }
    }
    await waitFor(async () => {
      const [r] = await warehouse.query<{ n: number }>("SELECT count() AS n FROM chat_events FINAL WHERE type = 'message'");
      return Number(r!.n) >= (PATHS.length - 1) * TENANTS.length * 3;
    }, 'messages from every path', 90_000);
  });

  afterAll(async () => {
    await api?.close();
    await store?.stop();
    await bus?.close();
    await warehouse?.close();
  });

  it('keeps text only for the tenant that opted in, on each path', async () => {
    const columns = 'tenant_id, group_id, platform, message_text, message_length, has_link, text_hash';
    const rows = await warehouse.query<{ tenant_id: string; group_id: string; platform: string; message_text: string; message_length: number; has_link: number; text_hash: string }>(
      `SELECT ${columns} FROM chat_events FINAL WHERE type = 'message'
       UNION ALL SELECT ${columns} FROM ${analyzeDatabase}.chat_events FINAL WHERE type = 'message'`);
    const via = (r: { group_id: string; platform: string }) => (r.platform === 'telegram' ? 'webhook' : r.group_id.slice(2));
    for (const p of PATHS) {
      for (const tenant of TENANTS) {
        const mine = rows.filter((r) => via(r) === p && r.tenant_id === tenant);
        expect(mine, `${p} ${tenant}`).toHaveLength(3);
        const text = textFor(p, tenant);
        for (const r of mine) {
          expect(r.message_text, `${p} ${tenant}`).toBe(tenant === 'optin' ? text : '');
          expect(r).toMatchObject({ message_length: text.length, has_link: 1, text_hash: expect.stringMatching(/^[0-9a-f]{32}$/) });
        }
      }
    }
  });
});

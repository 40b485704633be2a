// Upgrading a store written before storage by day: the migration re-sorts chat_events by (group,
// day), keeps every event, backfills the facts kept on insert once, with progress, and marks every
// stored group-day so the live worker computes the old history once.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import { EmbeddedWarehouse, migrate, MIGRATIONS_DIR, type Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';

const at = (d: number, h: number) => Date.UTC(2026, 3, d, h);
const events: ChatEventInput[] = [
  { eventId: 'c', tenantId: 't', platform: 'qq', groupId: 'g', occurredAt: at(1, 1), type: 'group_created', memberId: 'o', group: { name: 'Old group', purpose: 'interest' } },
  { eventId: 'j', tenantId: 't', platform: 'qq', groupId: 'g', occurredAt: at(1, 2), type: 'member_joined', memberId: 'a', join: { via: 'invite', inviterId: 'o' } },
  { eventId: 'm1', tenantId: 't', platform: 'qq', groupId: 'g', occurredAt: at(2, 9), type: 'message', memberId: 'a', message: { kind: 'text', text: 'hi' } },
  { eventId: 'm2', tenantId: 't', platform: 'qq', groupId: 'g', occurredAt: at(3, 9), type: 'message', memberId: 'o', message: { kind: 'text', text: 'hello', replyTo: { eventId: 'm1' } } },
] as ChatEventInput[];

describe('upgrading a store to storage by day', () => {
  let wh: Warehouse;
  const progress: string[] = [];
  let applied: number[];

  beforeAll(async () => {
    // The schema as it stood before: migrations up to 0040.
    const old = mkdtempSync(path.join(tmpdir(), 'qunpulse-old-migrations-'));
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f < '0041')) cpSync(path.join(MIGRATIONS_DIR, f), path.join(old, f));
    wh = await EmbeddedWarehouse.open(path.join(mkdtempSync(path.join(tmpdir(), 'qunpulse-upgrade-')), 'clickhouse'));
    await migrate(wh, { dir: old });
    await loadEvents(wh, events);
    applied = await migrate(wh, { onProgress: (p) => progress.push(`${p.migration} ${p.statement}/${p.of}`) });
  });
  afterAll(async () => { await wh.close(); });

  it('re-sorts chat_events by group and day and keeps every event', async () => {
    expect(applied).toContain(50);
    const [t] = await wh.query<{ sorting_key: string }>(`SELECT sorting_key FROM system.tables WHERE database = currentDatabase() AND name = 'chat_events'`);
    expect(t!.sorting_key).toBe('tenant_id, platform, group_id, toDate(occurred_at), event_id');
    const [n] = await wh.query<{ n: number }>('SELECT count() AS n FROM chat_events FINAL');
    expect(Number(n!.n)).toBe(events.length);
  });

  it('backfills the facts once and marks every stored group-day', async () => {
    const authors = await wh.query<{ event_id: string; member_id: string }>('SELECT event_id, member_id FROM message_authors FINAL ORDER BY event_id');
    expect(authors).toEqual([{ event_id: 'm1', member_id: 'a' }, { event_id: 'm2', member_id: 'o' }]);
    const joins = await wh.query<{ member_id: string; inviter_id: string }>('SELECT member_id, inviter_id FROM membership_events FINAL');
    expect(joins).toEqual([{ member_id: 'a', inviter_id: 'o' }]);
    const [reg] = await wh.query<{ name: string; created: string }>(
      `SELECT argMaxMerge(name) AS name, toString(min(created_at)) AS created FROM group_registry GROUP BY tenant_id, platform, group_id`);
    expect(reg).toEqual({ name: 'Old group', created: '2026-04-01 01:00:00.000' });
    const marks = await wh.query<{ day: string }>('SELECT DISTINCT toString(day) AS day FROM group_day_marks ORDER BY day');
    expect(marks.map((m) => m.day)).toEqual(['2026-04-01', '2026-04-02', '2026-04-03']);
  });

  it('reports each step of the upgrade and applies nothing the second time', async () => {
    expect(progress.filter((p) => p.startsWith('0050_storage_by_day')).length).toBeGreaterThan(10);
    expect(progress).toContain(`0050_storage_by_day 2/${progress.find((p) => p.startsWith('0050'))!.split('/')[1]}`);
    expect(await migrate(wh)).toEqual([]);
  });
});

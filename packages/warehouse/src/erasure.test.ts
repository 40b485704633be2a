import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedWarehouse } from './embedded.js';
import { eraseMember, erasedMembers, memberHash } from './erasure.js';
import { MEMBER_COLUMN_NAME, MEMBER_TABLES } from './member-columns.js';
import { migrate } from './migrations.js';

const T = 'acme';
const at = '2026-03-02 10:00:00';
const ev = (id: string, member: string, extra: Record<string, unknown> = {}) => ({
  tenant_id: T, platform: 'qq', group_id: 'g1', event_id: id, type: 'message', member_id: member, occurred_at: at, ...extra,
});

describe('member erasure on embedded ClickHouse', () => {
  let wh: EmbeddedWarehouse;
  beforeAll(async () => {
    wh = await EmbeddedWarehouse.open(path.join(mkdtempSync(path.join(tmpdir(), 'qp-erase-')), 'ch'));
    await migrate(wh);
  });
  afterAll(async () => { await wh.close(); });

  it('lists every stored table with a member column, and only real tables and columns', async () => {
    const cols = await wh.query<{ table: string; name: string; type: string; engine: string }>(
      `SELECT c.table AS table, c.name AS name, c.type AS type, t.engine AS engine FROM system.columns c
       JOIN system.tables t ON t.database = c.database AND t.name = c.table
       WHERE c.database = currentDatabase() AND t.engine NOT IN ('View', 'MaterializedView')`);
    const listed = new Set(MEMBER_TABLES.flatMap((t) => [t.owner, ...(t.refs ?? []), ...(t.arrayRefs ?? []), ...(t.text?.columns ?? [])]
      .filter(Boolean).map((c) => `${t.table}.${c}`)));
    const memberColumns = cols
      .filter((c) => /String/.test(c.type) && MEMBER_COLUMN_NAME.test(c.name))
      .map((c) => `${c.table}.${c.name}`);
    expect(memberColumns.length).toBeGreaterThan(10);
    expect(memberColumns.filter((c) => !listed.has(c))).toEqual([]);
    const existing = new Set(cols.map((c) => `${c.table}.${c.name}`));
    expect([...listed].filter((c) => !existing.has(c))).toEqual([]);
  });

  it("deletes the member's rows, redacts mentions of it elsewhere, and logs only a hash", async () => {
    await wh.insert('chat_events', [
      ev('e1', 'm-7', { mentions: ['m-70'] }),
      ev('e2', 'm-70', { reply_to_event_id: 'e1', reply_to_member_id: 'm-7', mentions: ['m-7', 'm-70'] }),
      ev('e3', 'm-70', { type: 'member_joined', join_via: 'invite', inviter_id: 'm-7' }),
      { ...ev('e4', 'm-7'), tenant_id: 'other' },
    ]);
    await wh.insert('member_kol_daily', [
      { tenant_id: T, platform: 'qq', group_id: 'g1', member_id: 'm-7', day: '2026-03-02', weighted_in_degree: 1, pagerank: 0.5, betweenness: 0, betweenness_mode: 'exact', coreness: 1, messages: 1, replies_received: 1, score: 1, rank: 1, is_spammer: 0 },
      { tenant_id: T, platform: 'qq', group_id: 'g1', member_id: 'm-70', day: '2026-03-02', weighted_in_degree: 1, pagerank: 0.5, betweenness: 0, betweenness_mode: 'exact', coreness: 1, messages: 2, replies_received: 0, score: 1, rank: 2, is_spammer: 0 },
    ]);
    await wh.insert('group_health_daily', [{
      tenant_id: T, platform: 'qq', group_id: 'g1', day: '2026-03-02', group_name: 'g', purpose: 'x', created_at: at, status: 'declining',
      health_score: 40, growth_score: 0, retention_score: 0, activity_score: 0, structure_score: 0, members: 2, active_members_7d: 2, messages_7d: 2,
      reason_codes: ['kol_departed'], reason_details: ['Key member m-7, who held 60% of the interactions, left; m-70 stays.'],
      reason_evidence: ['{"member":"m-7"}'],
    }]);
    await wh.insert('alerts', [
      { alert_id: 'a1', tenant_id: T, platform: 'qq', group_id: 'g1', group_name: 'g', rule: 'kol_departed', severity: 'critical', day: '2026-03-02', title: 't', detail: 'Key member m-7 left', action: 'ask m-70', evidence: '{"departed":"m-7"}' },
      { alert_id: 'a2', tenant_id: T, platform: 'qq', group_id: 'g1', group_name: 'g', rule: 'ad_surge', severity: 'warning', day: '2026-03-02', title: 't', detail: 'ads from m-70', action: '', evidence: '{}' },
    ]);

    await wh.insert('tenant_accounts', [{ tenant_id: T, member_id: 'm-7', role: 'staff' }, { tenant_id: T, member_id: 'm-70', role: 'bot' }]);
    // A table an extension added, keyed by tenant and member: not in the core list, erased all the same.
    await wh.command(`CREATE TABLE ext_member_daily (tenant_id String, member_id String, day Date, links UInt32)
      ENGINE = ReplacingMergeTree ORDER BY (tenant_id, member_id, day)`);
    await wh.insert('ext_member_daily', [{ tenant_id: T, member_id: 'm-7', day: '2026-03-02', links: 3 }, { tenant_id: T, member_id: 'm-70', day: '2026-03-02', links: 1 }]);
    const result = await eraseMember(wh, { tenantId: T, memberId: 'm-7', requestedBy: 'ops@example', via: 'cli' });
    expect(result.tables).toMatchObject({
      chat_events: { removed: 1, redacted: 2 }, message_authors: { removed: 1, redacted: 0 }, membership_events: { removed: 0, redacted: 1 },
      member_first_seen: { removed: 1, redacted: 0 }, member_kol_daily: { removed: 1, redacted: 0 },
      group_health_daily: { removed: 0, redacted: 1 }, alerts: { removed: 1, redacted: 0 }, tenant_accounts: { removed: 1, redacted: 0 },
      ext_member_daily: { removed: 1, redacted: 0 },
    });
    expect((await wh.query<{ member_id: string }>('SELECT member_id FROM ext_member_daily')).map((r) => r.member_id)).toEqual(['m-70']);
    expect((await wh.query<{ member_id: string }>('SELECT member_id FROM tenant_accounts')).map((r) => r.member_id)).toEqual(['m-70']);

    const events = await wh.query<{ event_id: string; member_id: string; reply_to_member_id: string; inviter_id: string; mentions: string[] }>(
      'SELECT tenant_id, event_id, member_id, reply_to_member_id, inviter_id, mentions FROM chat_events ORDER BY tenant_id, event_id');
    expect(events).toEqual([
      { tenant_id: T, event_id: 'e2', member_id: 'm-70', reply_to_member_id: '', inviter_id: '', mentions: ['m-70'] },
      { tenant_id: T, event_id: 'e3', member_id: 'm-70', reply_to_member_id: '', inviter_id: '', mentions: [] },
      // Another tenant's member of the same id is not this tenant's to erase.
      { tenant_id: 'other', event_id: 'e4', member_id: 'm-7', reply_to_member_id: '', inviter_id: '', mentions: [] },
    ]);
    const [health] = await wh.query<{ reason_details: string[]; reason_evidence: string[] }>('SELECT reason_details, reason_evidence FROM group_health_daily');
    expect(health).toEqual({
      reason_details: ['Key member (erased member), who held 60% of the interactions, left; m-70 stays.'],
      reason_evidence: ['{"member":"(erased member)"}'],
    });
    expect((await wh.query<{ alert_id: string }>('SELECT alert_id FROM alerts')).map((a) => a.alert_id)).toEqual(['a2']);
    expect((await wh.query<{ member_id: string }>('SELECT member_id FROM member_kol_daily')).map((r) => r.member_id)).toEqual(['m-70']);

    const log = await wh.query<Record<string, unknown>>('SELECT * FROM erasure_log FINAL');
    expect(log).toEqual([expect.objectContaining({
      tenant_id: T, member_hash: memberHash(T, 'm-7'), requested_by: 'ops@example', via: 'cli', rows_removed: 7, rows_redacted: 4,
    })]);
    expect(JSON.stringify(log)).not.toContain('m-7');
    expect(await erasedMembers(wh, [T, 'other'])).toEqual(new Set([`${T}\u001f${memberHash(T, 'm-7')}`]));
    // The member's group-day is marked, so the analytics recompute it without the member.
    expect(await wh.query('SELECT group_id, toString(day) AS day FROM group_day_marks ORDER BY marked_at DESC LIMIT 1')).toEqual([{ group_id: 'g1', day: '2026-03-02' }]);
  });
});

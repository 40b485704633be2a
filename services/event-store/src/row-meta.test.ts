import { describe, expect, it } from 'vitest';
import { decodeRecords } from '@qunpulse/consumer-kit';
import { chatEventContract, HEADERS } from '@qunpulse/contracts';
import type { InRecord } from '@qunpulse/kafka';
import { rowMetaOf } from './row-meta.js';
import { toRow } from './row.js';

const now = Date.UTC(2026, 5, 1);
let offset = 0;
function record(value: unknown, headers: Record<string, string> = {}): InRecord {
  return {
    topic: 'chat-events', partition: 0, offset: String(offset++), key: null, headers, timestamp: String(now),
    value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  };
}
const msg = (id: string, extra: object = {}) => ({
  eventId: id, type: 'message', tenantId: 't', platform: 'qq', groupId: 'g', memberId: 'm', occurredAt: now - 1000,
  message: { kind: 'text', text: 'see https://example.org', replyTo: { eventId: 'e0' }, mentions: ['x'] }, ...extra,
});

describe('event store rows', () => {
  it('maps valid records to rows and leaves the rest to be dead-lettered with the step and reason', () => {
    const { items, dead } = decodeRecords(chatEventContract, [
      record(msg('e1'), { [HEADERS.source]: 'http', [HEADERS.producedAt]: String(now - 5) }),
      record('{"eventId":'),
      record(null),
      record(''),
      record(msg('e2', { groupId: '' })),
      record({ ...msg('e3'), type: 'member_joined', join: { via: 'qr_code' } }),
    ], now);
    const rows = items.map((i) => toRow(i.value, rowMetaOf(i.record)));
    expect(rows.map((r) => r.event_id)).toEqual(['e1', 'e3']);
    expect(rows[0]).toMatchObject({ has_link: 1, message_length: 23, reply_to_event_id: 'e0', mentions: ['x'], source: 'http', produced_at: now - 5 });
    expect(rows[1]).toEqual({
      tenant_id: 't', platform: 'qq', group_id: 'g', event_id: 'e3', type: 'member_joined', member_id: 'm', occurred_at: now - 1000,
      source: '', produced_at: now, join_via: 'qr_code',
    });
    expect(dead.map((r) => [r.step, r.reason])).toEqual([
      ['validate', expect.stringContaining('malformed JSON')],
      ['parse', '(record): empty value'],
      ['parse', '(record): empty value'],
      ['validate', 'groupId must not be empty'],
    ]);
  });

  it('keeps only a well-formed source and an in-range produced-at header', () => {
    expect(rowMetaOf(record('{}', { [HEADERS.source]: 'x'.repeat(65), [HEADERS.producedAt]: '99999999999999999' })))
      .toEqual({ source: '', producedAt: now });
  });
});

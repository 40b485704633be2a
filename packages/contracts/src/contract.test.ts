import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaContract, versionedContract } from './contract.js';
import { HEADERS } from './headers.js';

// A consumer of a topic of its own (not chat-events) brings its own zod schema.
const alert = z.object({ alertId: z.string().min(1, 'must not be empty'), severity: z.enum(['info', 'warning', 'critical']) });
const alerts = schemaContract('alert/v1', alert);
const bytes = (s: string) => Buffer.from(s);

describe('contracts from a zod schema', () => {
  it('reads a record of its schema, labelled or not, and strips unknown fields', () => {
    for (const headers of [{ [HEADERS.schema]: 'alert/v1' }, {}] as Record<string, string>[]) {
      expect(alerts.decode(bytes('{"alertId":"a1","severity":"info","extra":1}'), headers, 0)).toEqual({ ok: true, value: { alertId: 'a1', severity: 'info' } });
    }
  });

  it('names the field and the reason for what it cannot read', () => {
    expect(alerts.decode(bytes('{"alertId":"","severity":"info"}'), {}, 0)).toEqual({ ok: false, field: 'alertId', reason: 'alertId: must not be empty' });
    expect(alerts.decode(bytes('[1]'), {}, 0)).toEqual({ ok: false, field: '(record)', reason: '(record): expected a JSON object' });
    expect(alerts.decode(bytes('{"alertId":'), {}, 0)).toMatchObject({ ok: false, field: '(record)', reason: expect.stringMatching(/^\(record\): malformed JSON/) });
  });

  it('refuses a schema name that carries no version', () => {
    expect(() => versionedContract({ alert: () => ({ ok: false, field: '', reason: '' }) })).toThrow('versionedContract: schema name "alert" must look like "name/v1"');
  });
});

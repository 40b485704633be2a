// `qunpulse sql` on the embedded warehouse of a data directory: the rows of one read-only query,
// as a table or JSON; anything else is refused with the reason.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './support/cli-in-process.js';

describe('qunpulse sql', () => {
  const saved = process.env.QUNPULSE_DATA_DIR;
  beforeAll(() => { process.env.QUNPULSE_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'qunpulse-sql-')); });
  afterAll(() => { if (saved === undefined) delete process.env.QUNPULSE_DATA_DIR; else process.env.QUNPULSE_DATA_DIR = saved; });

  it('prints the rows of a query as a table and as JSON', async () => {
    const sql = "SELECT name, toUInt32(number) AS n FROM numbers(1) ARRAY JOIN ['a', 'b'] AS name ORDER BY name";
    const table = await runCliInProcess(['sql', sql]);
    expect(table).toMatchObject({ code: 0 });
    expect(table.out).toBe('name  n\n----  -\na     0\nb     0\n');
    const json = await runCliInProcess(['sql', sql, '--json']);
    expect(json.out).toBe('{"name":"a","n":0}\n{"name":"b","n":0}\n');
    expect((await runCliInProcess(['sql', 'SELECT version FROM schema_migrations WHERE 0'])).out).toBe('(no rows)\n');
  });

  it('refuses a statement that writes', async () => {
    const r = await runCliInProcess(['sql', 'DROP TABLE chat_events']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('the query must be read-only: SELECT, WITH, SHOW, DESCRIBE or EXPLAIN');
  });
});

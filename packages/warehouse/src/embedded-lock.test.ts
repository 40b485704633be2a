import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedWarehouse } from './embedded.js';

describe('embedded ClickHouse held by another process', () => {
  it('says so and what to do, instead of chdb failing to lock a file', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'qp-lock-')), 'ch');
    const holder = spawn(process.execPath, ['--input-type=module', '-e',
      `import { Session } from 'chdb'; new Session(${JSON.stringify(dir)}); console.log('open'); setTimeout(() => {}, 60000);`],
    { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('open')) resolve(); });
        holder.once('exit', (code) => reject(new Error(`the holder exited (${code})`)));
      });
      const err = await EmbeddedWarehouse.open(dir).then(() => undefined, (e: Error) => e);
      expect(err?.message).toBe(`embedded ClickHouse at ${dir} is in use by process ${holder.pid} (a running \`qunpulse run\`?); stop it first, ` +
        'use the HTTP API of the running service, or set CLICKHOUSE_URL to a ClickHouse server');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

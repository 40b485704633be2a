// A ClickHouse server that does not answer at start-up: qunpulse retries with backoff, then stops
// with a message naming CLICKHOUSE_URL (never after a single refused connection).
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse, reachServer, readWarehouseEnv } from '@qunpulse/warehouse';
import { testBrokers, uniqueName } from './support/kit.js';
import { killRunProcesses, startRunProcess } from './support/run-process.js';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('an unreachable warehouse at start-up', () => {
  afterAll(async () => { await killRunProcesses(); });

  it('is retried with doubling backoff, then reported naming CLICKHOUSE_URL, without the password', async () => {
    const port = await closedPort();
    const env = readWarehouseEnv({ CLICKHOUSE_URL: `http://bob:s3cret@127.0.0.1:${port}`, CLICKHOUSE_STARTUP_TIMEOUT_MS: '2000' });
    const { log, lines } = capturingLogger();
    const t0 = Date.now();
    const err = await openWarehouse(env, mkdtempSync(path.join(tmpdir(), 'qp-wh-')), log).then(() => undefined, (e: Error) => e);
    const took = Date.now() - t0;
    expect(err?.message).toMatch(new RegExp(`^CLICKHOUSE_URL: no ClickHouse answered at http://bob:\\*\\*\\*@127\\.0\\.0\\.1:${port} in \\d+\\.\\d s \\(\\d+ attempts, last: .*ECONNREFUSED`));
    expect(err?.message).not.toContain('s3cret');
    expect(took).toBeGreaterThanOrEqual(2_000);
    expect(took).toBeLessThan(3_000);
    const retries = lines.filter((l) => String(l.msg).startsWith('CLICKHOUSE_URL: no ClickHouse answers at')).map((l) => Number(l.retryInMs));
    // 250, 500, 1000 ms, then what is left until the deadline, where the last attempt falls.
    expect(retries.slice(0, 3)).toEqual([250, 500, 1_000]);
    expect(retries.slice(3).every((ms) => ms <= 250)).toBe(true);
  });

  it('fails at once, naming CLICKHOUSE_URL, when the server answers but refuses', async () => {
    let attempts = 0;
    const refused = new Error('Code: 516. DB::Exception: bob: Authentication failed: password is incorrect');
    const err = await reachServer(async () => { attempts++; throw refused; }, { url: 'http://127.0.0.1:8123', timeoutMs: 10_000 })
      .then(() => undefined, (e: Error) => e);
    expect(attempts).toBe(1);
    expect(err?.message).toBe(`CLICKHOUSE_URL: ClickHouse at http://127.0.0.1:8123 refused the connection: ${refused.message}`);
  });

  it('makes qunpulse run exit with that message after its retries, not after one refusal', async () => {
    const port = await closedPort();
    const run = startRunProcess({
      KAFKA_BROKERS: testBrokers().join(','), QUNPULSE_TOPIC_NAMESPACE: uniqueName('ch-down'),
      QUNPULSE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'qp-run-')), CLICKHOUSE_URL: `http://127.0.0.1:${port}`, CLICKHOUSE_STARTUP_TIMEOUT_MS: '1500',
    });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.text.join('\n')).toMatch(new RegExp(`^qunpulse run: CLICKHOUSE_URL: no ClickHouse answered at http://127\\.0\\.0\\.1:${port} in 1\\.\\d s \\(\\d attempts`));
    const retries = run.logs.filter((l) => String(l.msg).startsWith('CLICKHOUSE_URL: no ClickHouse answers')).map((l) => Number(l.retryInMs));
    expect(retries.slice(0, 2)).toEqual([250, 500]);
  });
});

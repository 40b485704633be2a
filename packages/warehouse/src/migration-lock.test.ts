// The migration lock on the real engine (embedded ClickHouse): one holder at a time, waiters let in
// on release, an expired lease taken over by one process, and two migrators at once applying each
// migration once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedWarehouse } from './embedded.js';
import { MigrationLock } from './migration-lock.js';
import { loadMigrations, migrate } from './migrations.js';

describe('the migration lock', () => {
  let wh: EmbeddedWarehouse;
  beforeAll(async () => { wh = await EmbeddedWarehouse.open(path.join(mkdtempSync(path.join(tmpdir(), 'qp-lock-')), 'ch')); });
  afterAll(async () => { await wh.close(); });

  it('has one holder; a waiter gets it when the holder releases it', async () => {
    const a = new MigrationLock(wh, { holder: 'a', renew: false });
    const b = new MigrationLock(wh, { holder: 'b', renew: false, pollMs: 20 });
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect((await b.current())?.holder).toBe('a');
    const waits: string[] = [];
    let acquired = false;
    const waiting = new MigrationLock(wh, { holder: 'b', renew: false, pollMs: 20, onWait: (l) => waits.push(l.holder) })
      .acquire().then(() => { acquired = true; });
    await new Promise((r) => setTimeout(r, 200));
    expect(acquired).toBe(false);
    expect(waits[0]).toBe('a');
    await a.release();
    await waiting;
    expect((await a.current())?.holder).toBe('b');
    // Releasing what another holds leaves it held.
    await a.release();
    expect((await a.current())?.holder).toBe('b');
    await b.release();
    expect(await a.current()).toBeUndefined();
  });

  it('takes over a lease whose holder stopped renewing it', async () => {
    const dead = new MigrationLock(wh, { holder: 'dead', leaseMs: 1, renew: false });
    expect(await dead.tryAcquire()).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    const next = new MigrationLock(wh, { holder: 'next', renew: false, pollMs: 20 });
    await next.acquire();
    expect((await next.current())?.holder).toBe('next');
    await next.release();
    const aside = await wh.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'schema_migrations_lock%'");
    expect(aside).toEqual([]);
  });

  it('gives up on a live holder after the wait, naming it', async () => {
    const holder = new MigrationLock(wh, { holder: 'busy', renew: false });
    expect(await holder.tryAcquire()).toBe(true);
    const waiter = new MigrationLock(wh, { holder: 'late', renew: false, pollMs: 20, waitMs: 100 });
    await expect(waiter.acquire()).rejects.toThrow(/busy holds the migration lock \(schema_migrations_lock\) until .* gave up waiting/);
    await holder.release();
  });

  it('renews the lease while it runs, then releases it', async () => {
    const lock = new MigrationLock(wh, { holder: 'renewer', leaseMs: 4_000, renew: true });
    let before = 0;
    let after = 0;
    await lock.around(async () => {
      before = (await lock.current())!.expiresAt;
      await new Promise((r) => setTimeout(r, 1_300));
      after = (await lock.current())!.expiresAt;
    });
    expect(after).toBeGreaterThan(before);
    expect(await lock.current()).toBeUndefined();
  });

  it('takes over at once a lock left in a store this process owns (a migrator killed part way)', async () => {
    const killed = new MigrationLock(wh, { holder: 'killed', renew: false });
    expect(await killed.tryAcquire()).toBe(true);
    const t0 = Date.now();
    expect(await migrate(wh)).toEqual(loadMigrations().map((m) => m.version));
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(await killed.current()).toBeUndefined();
  });

  it('lets two migrators starting together on a shared store apply each migration once', async () => {
    await wh.command('DROP TABLE schema_migrations');
    const shared = { lock: { pollMs: 20, ownsStore: false } };
    const [x, y] = await Promise.all([migrate(wh, shared), migrate(wh, shared)]);
    const all = loadMigrations().map((m) => m.version);
    expect([x, y].sort((p, q) => q.length - p.length)).toEqual([all, []]);
    const [rows] = await wh.query<{ n: number }>('SELECT count() AS n FROM schema_migrations');
    expect(Number(rows!.n)).toBe(all.length);
  });
});

// One migrator at a time, across processes and across the servers of a cluster.
//
// The lock is a table's existence: `CREATE TABLE schema_migrations_lock` without IF NOT EXISTS
// succeeds for exactly one of several processes that try at once, on one server because creating a
// name is atomic there, and on a cluster because ON CLUSTER statements go through one queue in
// ClickHouse Keeper that every server runs in the same order, so the first CREATE wins on every
// server and the later ones fail on every server. No row has to become visible to anyone (an
// insert-then-read lease could be read by a rival before it is replicated).
//
// The lease (holder, expiry) is the table's comment, written by the same CREATE. The holder renews
// it while it migrates; a holder that died leaves a lease that expires, and a process that finds it
// expired takes it over with RENAME, which again only one process can do. The holder then reads
// which migrations are applied: whoever waited finds them applied and applies nothing.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Warehouse } from './warehouse.js';

export const LOCK_TABLE = 'schema_migrations_lock';

export interface MigrationLockOptions {
  /** Cluster for ON CLUSTER statements, when the warehouse is a cluster. */
  cluster?: string;
  /** Names this process in the lease (default host:pid:random). */
  holder?: string;
  /** How long a lease lasts without renewal (default 120 s). */
  leaseMs?: number;
  /** How long to wait for a live holder before giving up (default 30 min). */
  waitMs?: number;
  pollMs?: number;
  /** Renew the lease while `fn` runs (default true; off where one process owns the store). */
  renew?: boolean;
  /**
   * This process alone can open the store (embedded ClickHouse): a lock found there was left by a
   * process that died, and is taken over at once instead of after its lease.
   */
  ownsStore?: boolean;
  onWait?: (lease: Lease) => void;
}

export interface Lease { holder: string; expiresAt: number }

const HOLDER = /^[A-Za-z0-9._:-]{1,200}$/;

function parseLease(comment: string): Lease | undefined {
  try {
    const v = JSON.parse(comment) as Partial<Lease>;
    return typeof v.holder === 'string' && typeof v.expiresAt === 'number' ? { holder: v.holder, expiresAt: v.expiresAt } : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class MigrationLock {
  readonly holder: string;
  private readonly on: string;
  private readonly leaseMs: number;

  constructor(private readonly wh: Warehouse, private readonly opts: MigrationLockOptions = {}) {
    this.holder = opts.holder ?? `${hostname().replace(/[^A-Za-z0-9._-]/g, '-')}:${process.pid}:${randomBytes(4).toString('hex')}`;
    if (!HOLDER.test(this.holder)) throw new Error(`migration lock holder ${JSON.stringify(this.holder)}: only letters, digits and . _ : - (up to 200)`);
    this.on = opts.cluster ? ` ON CLUSTER ${opts.cluster}` : '';
    this.leaseMs = opts.leaseMs ?? 120_000;
  }

  private leaseText(): string {
    return JSON.stringify({ holder: this.holder, expiresAt: Date.now() + this.leaseMs } satisfies Lease);
  }

  /** The current lease; undefined when nobody holds the lock; `null` when its comment is unreadable. */
  async current(): Promise<Lease | null | undefined> {
    const rows = await this.wh.query<{ comment: string }>(
      'SELECT comment FROM system.tables WHERE database = currentDatabase() AND name = {name:String}', { name: LOCK_TABLE });
    if (!rows.length) return undefined;
    return parseLease(rows[0]!.comment) ?? null;
  }

  /** Tries once; true when this process now holds the lock. */
  async tryAcquire(): Promise<boolean> {
    try {
      await this.wh.command(`CREATE TABLE ${LOCK_TABLE}${this.on} (held UInt8) ENGINE = MergeTree ORDER BY tuple() COMMENT '${this.leaseText()}'`);
      return true;
    } catch (err) {
      if (/already exists|TABLE_ALREADY_EXISTS/i.test((err as Error).message)) return false;
      throw err;
    }
  }

  /** Waits for the lock, taking over a lease that expired. */
  async acquire(): Promise<void> {
    const deadline = Date.now() + (this.opts.waitMs ?? 30 * 60_000);
    for (;;) {
      if (await this.tryAcquire()) return;
      const lease = await this.current();
      if (lease === undefined) continue;
      if (lease === null || lease.expiresAt < Date.now() || this.opts.ownsStore) {
        await this.takeOver();
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`warehouse migrations: ${lease.holder} holds the migration lock (${LOCK_TABLE}) until ${new Date(lease.expiresAt).toISOString()} and renews it; gave up waiting`);
      }
      this.opts.onWait?.(lease);
      await sleep(this.opts.pollMs ?? 500);
    }
  }

  /** Moves an expired lock aside; only one of several processes doing this at once succeeds. */
  private async takeOver(): Promise<void> {
    const aside = `${LOCK_TABLE}_expired_${randomBytes(6).toString('hex')}`;
    try {
      await this.wh.command(`RENAME TABLE ${LOCK_TABLE} TO ${aside}${this.on}`);
    } catch (err) {
      if (/doesn't exist|does not exist|UNKNOWN_TABLE/i.test((err as Error).message)) return;
      throw err;
    }
    await this.wh.command(`DROP TABLE IF EXISTS ${aside}${this.on} SYNC`);
  }

  /** Extends the lease, if it is still this process's. */
  async renew(): Promise<boolean> {
    const lease = await this.current();
    if (!lease || lease.holder !== this.holder) return false;
    await this.wh.command(`ALTER TABLE ${LOCK_TABLE}${this.on} MODIFY COMMENT '${this.leaseText()}'`);
    return true;
  }

  async release(): Promise<void> {
    const lease = await this.current();
    if (lease && lease.holder === this.holder) await this.wh.command(`DROP TABLE IF EXISTS ${LOCK_TABLE}${this.on} SYNC`);
  }

  /** Runs `fn` holding the lock, renewing the lease meanwhile. */
  async around<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    let lost: Error | undefined;
    const renewal = this.opts.renew === false ? undefined : setInterval(() => {
      this.renew().then((mine) => {
        if (!mine) lost = new Error(`warehouse migrations: the migration lock's lease of ${this.holder} expired and was taken over`);
      }).catch(() => { /* the next renewal tries again; expiry is what others go by */ });
    }, Math.max(1_000, Math.floor(this.leaseMs / 4)));
    try {
      const out = await fn();
      if (lost) throw lost;
      return out;
    } finally {
      if (renewal) clearInterval(renewal);
      await this.release();
    }
  }
}

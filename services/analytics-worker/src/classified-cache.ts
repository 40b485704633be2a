// Classifying messages (human, ad, system, red packet, thank-you) is the costly part of every
// recompute, and the activity, retention and structure queries each classify the same messages
// again: a touched group's refresh ran the classification nine times. This warehouse wrapper
// classifies the scope's window once into a table held in memory, and hands every query that asks
// for CLASSIFIED_MESSAGES within that window the stored rows instead. Queries outside it (another
// instant or time zone, other groups, an older window) run unchanged, so the SQL stays the one
// definition and the answers stay the same.
import { randomBytes } from 'node:crypto';
import type { QueryParams, Warehouse } from '@qunpulse/warehouse';
import { CLASSIFIED_MESSAGES } from './activity/classify.js';
import { IN_GROUPS, scopeParams, type Scope } from './activity/scope.js';
import { groupKey } from './context.js';

const SUBQUERY = `(${CLASSIFIED_MESSAGES})`;

export class ClassifiedCache implements Warehouse {
  private readonly table = `classified_${process.pid}_${randomBytes(4).toString('hex')}`;
  private readonly groups: Set<string>;
  /** The fill, shared by queries that ask at once (steps run their queries in parallel). */
  private filling: Promise<void> | undefined;

  private constructor(private readonly inner: Warehouse, private readonly scope: Required<Pick<Scope, 'since'>> & Scope) {
    this.groups = new Set(scope.groups.map(groupKey));
  }

  get kind() { return this.inner.kind; }
  get database() { return this.inner.database; }

  /** Runs `fn` with the scope's classified window held in memory; the table is dropped afterwards. */
  static async around<T>(inner: Warehouse, scope: Scope & { since: number }, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
    const cache = new ClassifiedCache(inner, scope);
    try {
      return await fn(cache);
    } finally {
      if (cache.filling) await inner.command(`DROP TABLE IF EXISTS ${cache.table}`);
    }
  }

  private covers(params: QueryParams | undefined): boolean {
    if (!params) return false;
    const { asOf, since, tz, gt, gp, gg } = params as { asOf?: number; since?: number; tz?: string; gt?: string[]; gp?: string[]; gg?: string[] };
    if (asOf !== Math.floor(this.scope.asOf) || tz !== (this.scope.timeZone ?? 'UTC')) return false;
    if (since === undefined || since < this.scope.since || !gt || !gp || !gg) return false;
    return gt.every((t, i) => this.groups.has(groupKey({ tenantId: t, platform: gp[i]!, groupId: gg[i]! })));
  }

  private async rewrite(sql: string, params: QueryParams | undefined): Promise<string> {
    if (!sql.includes(SUBQUERY) || !this.covers(params)) return sql;
    this.filling ??= this.inner.command(`CREATE TABLE ${this.table} ENGINE = Memory AS ${CLASSIFIED_MESSAGES}`, scopeParams(this.scope));
    await this.filling;
    // The same rows the subquery would give: its groups, its window.
    return sql.replaceAll(SUBQUERY, `(SELECT * FROM ${this.table} WHERE ${IN_GROUPS} AND occurred_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC'))`);
  }

  async query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]> {
    return this.inner.query<T>(await this.rewrite(sql, params), params);
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    return this.inner.command(await this.rewrite(sql, params), params);
  }

  insert(table: string, rows: readonly object[] | Buffer): Promise<void> {
    return this.inner.insert(table, rows);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

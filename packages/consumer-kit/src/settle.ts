// Runs the handler until every item is settled (ok, dropped or dead-lettered). Items that ask to
// retry are handed again, alone, after a backoff; the others are not handled twice.
import type { Logger } from '@qunpulse/runtime';
import { backoffMs } from './backoff.js';
import type { ConsumerDefinition, HandlerContext, Item, Outcome } from './define.js';

export type Settled = Exclude<Outcome, { kind: 'retry' }>;

/** The consumer was asked to stop while items still wait to be retried: the batch stays uncommitted. */
export class StoppedWhileRetrying extends Error {
  constructor(consumer: string, reason: string) {
    super(`consumer ${consumer} stopped while records waited to be retried (${reason}); they are read again after the restart`);
    this.name = 'StoppedWhileRetrying';
  }
}

export async function settle<T>(
  def: ConsumerDefinition<T>, items: readonly Item<T>[], ctx: HandlerContext,
  hooks: { onRetry?: (reason: string, attempt: number, waitMs: number) => void; sleep?: (ms: number) => Promise<void> } = {},
): Promise<Settled[]> {
  const firstMs = def.backoff?.firstMs ?? 200;
  const maxMs = def.backoff?.maxMs ?? 5_000;
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const settled: Settled[] = new Array(items.length);
  let pending = items.map((item, index) => ({ item, index }));
  for (let attempt = 1; pending.length; attempt++) {
    const outcomes = await def.handle(pending.map((p) => p.item), ctx);
    if (outcomes.length !== pending.length) {
      throw new Error(`consumer ${def.name}: the handler returned ${outcomes.length} outcomes for ${pending.length} records (one per record, in order)`);
    }
    const again: typeof pending = [];
    let reason = '';
    outcomes.forEach((o, i) => {
      if (o.kind !== 'retry') settled[pending[i]!.index] = o;
      else if (def.maxAttempts !== undefined && attempt >= def.maxAttempts) {
        settled[pending[i]!.index] = { kind: 'dlq', step: 'retry', reason: `gave up after ${attempt} attempts: ${o.reason}` };
      } else {
        again.push(pending[i]!);
        reason = o.reason;
      }
    });
    pending = again;
    if (!pending.length) break;
    if (ctx.isStopping()) throw new StoppedWhileRetrying(def.name, reason);
    const wait = backoffMs(attempt - 1, firstMs, maxMs);
    hooks.onRetry?.(reason, attempt, wait);
    await sleep(wait);
    await ctx.heartbeat();
  }
  return settled;
}

export function logRetry(log: Logger, partition: number) {
  return (reason: string, attempt: number, waitMs: number) =>
    log.warn({ reason, attempt, waitMs, partition }, 'records asked to be retried; backing off');
}

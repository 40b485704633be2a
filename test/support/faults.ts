// What every fault-injection case shares: traffic of valid events with invalid ones mixed in, sent
// over real HTTP by a client that retries what was not answered (as a real client must), the
// figures read back from the warehouse and the dead-letter topic, and one line printing them.
import { expect } from 'vitest';
import { HEADERS } from '@qunpulse/contracts';
import type { InRecord, KafkaBus } from '@qunpulse/kafka';
import type { Warehouse } from '@qunpulse/warehouse';
import { readTopic } from './ingest.js';
import { uniqueName } from './kit.js';

export const FAULT_TENANT = 'faults';

export interface FaultFigures {
  sent: number;
  invalid: number;
  stored: number;
  deadLettered: number;
  duplicates: number;
  http4xx: number;
  http5xx: number;
  /** From the end of the fault to the pipeline working again, as the case defines it (none: no outage). */
  recoverMs: number | undefined;
}

/** One line per case, the same for every case, so a run's figures can be read off the log. */
export function printFigures(name: string, f: FaultFigures): void {
  process.stdout.write(`fault figures | ${name} | sent ${f.sent} valid + ${f.invalid} invalid | stored ${f.stored} | ` +
    `dead-lettered ${f.deadLettered} | duplicates ${f.duplicates} | 4xx ${f.http4xx} | 5xx ${f.http5xx} | ` +
    `${f.recoverMs === undefined ? 'no outage to recover from' : `recovered in ${(f.recoverMs / 1000).toFixed(1)} s`}\n`);
}

const NOW = Date.now();

/** A valid message of the case, spread over groups (so over partitions) and members. */
export function validEvent(prefix: string, i: number): Record<string, unknown> {
  return {
    eventId: `${prefix}-${i}`, type: 'message', platform: 'qq', groupId: `${prefix}-g${i % 12}`, memberId: `m-${i % 40}`,
    occurredAt: NOW - 3_600_000 + i, message: { kind: 'text', length: 5 + (i % 50) },
  };
}

/** Invalid events, each with the field the API must name: what the warehouse could not store, and more. */
const INVALID: { field: string; make: (e: Record<string, unknown>) => Record<string, unknown> }[] = [
  { field: 'groupId', make: (e) => ({ ...e, groupId: 'pg-\ud800' }) },
  { field: 'occurredAt', make: (e) => ({ ...e, occurredAt: '2026-02-31T08:00:00+08:00' }) },
  { field: 'message.length', make: (e) => ({ ...e, message: { kind: 'text', length: 2 ** 32 } }) },
  { field: 'memberId', make: ({ memberId: _, ...e }) => e },
  { field: 'type', make: (e) => ({ ...e, type: 'telepathy' }) },
];

export function invalidEvent(prefix: string, i: number): { event: Record<string, unknown>; field: string } {
  const kind = INVALID[i % INVALID.length]!;
  return { event: kind.make({ ...validEvent(`${prefix}-bad`, i) }), field: kind.field };
}

interface ItemResult { status: string; field?: string }

/**
 * Posts `batches` requests of `size` valid events and one invalid event each, `concurrency` at a
 * time. A request that gets no answer (the service is down) or a 5xx is sent again after a pause;
 * an event sent twice is the pipeline's to store once.
 */
export class Sender {
  readonly acceptedAt: number[] = [];
  http4xx = 0;
  http5xx = 0;
  unanswered = 0;
  readonly wrong: string[] = [];
  readonly validIds = new Set<string>();
  readonly invalidIds = new Set<string>();
  private next = 0;
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: () => string, private readonly token: string, readonly prefix: string,
    readonly batches: number, readonly size: number, private readonly opts: { concurrency?: number; pauseMs?: number } = {},
  ) {}

  start(): this {
    this.done = Promise.all(Array.from({ length: this.opts.concurrency ?? 2 }, () => this.worker())).then(() => undefined);
    return this;
  }

  /** Requests answered 2xx at or after this time. */
  acceptedSince(t: number): number {
    return this.acceptedAt.filter((a) => a >= t).length;
  }

  private async worker(): Promise<void> {
    while (this.next < this.batches) {
      const b = this.next++;
      const events = Array.from({ length: this.size }, (_, k) => validEvent(this.prefix, b * this.size + k));
      const bad = invalidEvent(this.prefix, b);
      events.splice(b % (this.size + 1), 0, bad.event);
      for (const e of events) if (e !== bad.event) this.validIds.add(String(e.eventId));
      this.invalidIds.add(String(bad.event.eventId));
      await this.deliver(events, bad);
      if (this.opts.pauseMs) await new Promise((r) => setTimeout(r, this.opts.pauseMs));
    }
  }

  private async deliver(events: Record<string, unknown>[], bad: { event: Record<string, unknown>; field: string }): Promise<void> {
    for (;;) {
      let res: Response;
      try {
        res = await fetch(`${this.url()}/v1/events`, {
          method: 'POST', body: JSON.stringify(events), signal: AbortSignal.timeout(180_000),
          headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        });
      } catch {
        this.unanswered++;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const body = (await res.json().catch(() => ({}))) as { results?: ItemResult[] };
      if (res.status >= 500) {
        this.http5xx++;
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (res.status !== 207) {
        this.wrong.push(`status ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
        return;
      }
      this.acceptedAt.push(Date.now());
      const results = body.results ?? [];
      const at = events.indexOf(bad.event);
      // The one invalid event is answered 4xx-worthy (rejected, naming its field); the others accepted.
      if (results[at]?.status !== 'rejected' || results[at]?.field !== bad.field) {
        this.wrong.push(`invalid event ${String(bad.event.eventId)}: expected rejected naming ${bad.field}, got ${JSON.stringify(results[at])}`);
      } else {
        this.http4xx++;
      }
      const notAccepted = results.filter((r, i) => i !== at && r.status !== 'accepted');
      if (notAccepted.length) this.wrong.push(`valid events not accepted: ${JSON.stringify(notAccepted.slice(0, 3))}`);
      return;
    }
  }
}

/** What the warehouse holds of a case: stored once, duplicates (rows beyond one per event), missing, extra. */
export async function storedFigures(wh: Warehouse, prefix: string, expected: Set<string>): Promise<{ stored: number; duplicates: number; missing: string[]; extra: string[] }> {
  const rows = await wh.query<{ event_id: string; n: number }>(
    `SELECT event_id, count() AS n FROM chat_events WHERE tenant_id = {t:String} AND startsWith(event_id, {p:String}) GROUP BY event_id`,
    { t: FAULT_TENANT, p: `${prefix}-` });
  const ids = new Set(rows.map((r) => r.event_id));
  return {
    stored: ids.size,
    duplicates: rows.reduce((s, r) => s + Number(r.n) - 1, 0),
    missing: [...expected].filter((id) => !ids.has(id)),
    extra: [...ids].filter((id) => !expected.has(id)),
  };
}

/** How many records a topic holds (a group that never committed lags by all of them). */
export async function topicRecords(bus: KafkaBus, topic: string): Promise<number> {
  const consumer = await bus.consumer({ groupId: uniqueName('count'), topics: [topic] });
  return (await consumer.lag()).reduce((s, p) => s + p.lag, 0);
}

/** The case's dead letters, by event id, each with its step and reason (headers). */
export function deadLettersOf(records: InRecord[], prefix: string): Map<string, { step: string; reason: string }> {
  const out = new Map<string, { step: string; reason: string }>();
  for (const r of records) {
    let id: unknown;
    try { id = (JSON.parse(String(r.value)) as { eventId?: unknown }).eventId; } catch { id = undefined; }
    if (typeof id === 'string' && id.startsWith(`${prefix}-`)) {
      out.set(id, { step: r.headers[HEADERS.dlqStep] ?? '', reason: r.headers[HEADERS.dlqReason] ?? '' });
    }
  }
  return out;
}

/** A port free right now on 127.0.0.1 (a restarted service must come back on the same one). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Dead-letter reasons of the invalid events the Sender mixes in: each names its field first. */
export const INVALID_FIELD_REASON = /^(groupId|occurredAt|message\.length|memberId|type) /;

export interface FaultOutcome {
  fig: Awaited<ReturnType<typeof storedFigures>>;
  dead: Map<string, { step: string; reason: string }>;
  figures: FaultFigures;
}

/** What a case left behind once its traffic is done: the stored rows, its dead letters, the figures (printed). */
export async function faultOutcome(
  wh: Warehouse, bus: KafkaBus, sender: Sender, prefix: string, recoverMs: number | undefined, name: string,
): Promise<FaultOutcome> {
  const fig = await storedFigures(wh, prefix, sender.validIds);
  // Read to the end: an event sent twice (its first answer lost) may be dead-lettered twice.
  const dead = deadLettersOf(await readTopic(bus, bus.topics.deadLetter, await topicRecords(bus, bus.topics.deadLetter)), prefix);
  const figures: FaultFigures = {
    sent: sender.validIds.size, invalid: sender.invalidIds.size, stored: fig.stored, deadLettered: dead.size,
    duplicates: fig.duplicates, http4xx: sender.http4xx, http5xx: sender.http5xx, recoverMs,
  };
  printFigures(name, figures);
  return { fig, dead, figures };
}

/** Every valid event the case sent is stored, once, and nothing else. */
export function expectStoredExactlyOnce({ fig, figures }: FaultOutcome, sent: number): void {
  expect(figures.sent).toBe(sent);
  expect(fig.missing.slice(0, 5)).toEqual([]);
  expect(fig.extra.slice(0, 5)).toEqual([]);
  expect(figures.stored).toBe(figures.sent);
  expect(figures.duplicates).toBe(0);
}

/** Every invalid event was answered naming its field and dead-lettered with its reason; no 5xx. */
export function expectInvalidRejected({ dead, figures }: FaultOutcome, sender: Sender): void {
  expect(sender.wrong.slice(0, 5)).toEqual([]);
  expect(figures.http5xx).toBe(0);
  expect(figures.deadLettered).toBe(figures.invalid);
  for (const d of dead.values()) expect(d.reason).toMatch(INVALID_FIELD_REASON);
}

// Publishes one request's events for one tenant: validates through ChatEventPublisher (so every
// path counts and dead-letters the same way), applies the tenant's privacy rules, flags duplicate
// eventIds within the request, and resolves only once Kafka has acknowledged every record.
// Bounded: beyond maxInflightEvents it refuses work (429) instead of buffering; when Kafka fails or
// is slower than produceTimeoutMs it answers 503.
import { CHAT_EVENT_SCHEMA, HEADERS } from '@qunpulse/contracts';
import { ChatEventPublisher, deadLetterRecord, type KafkaBus, type OutRecord, type Producer } from '@qunpulse/kafka';
import { privacyStep } from '@qunpulse/importers';
import type { IngestMetrics } from './metrics.js';
import { privacyOf, type TenantConfig } from './tenants.js';

export type Item = { value: unknown } | { raw: Buffer };

export type ItemResult =
  | { index: number; status: 'accepted'; eventId: string }
  | { index: number; status: 'rejected'; eventId?: string; field: string; reason: string };

export class Overloaded extends Error {
  readonly retryAfterSeconds = 1;
  constructor() { super('too many events waiting for Kafka; retry shortly'); }
}

export class KafkaUnavailable extends Error {
  readonly retryAfterSeconds = 5;
  constructor(cause: string) { super(`Kafka did not acknowledge the events (${cause}); retry later — nothing from this request is guaranteed stored`); }
}

export interface IngestorLimits {
  maxInflightEvents: number;
  produceTimeoutMs: number;
}

export class Ingestor {
  private inflight = 0;
  private lastFailureAt = 0;
  private lastSuccessAt = 0;

  constructor(
    private readonly bus: KafkaBus,
    private readonly producer: Producer,
    private readonly metrics: IngestMetrics,
    private readonly limits: IngestorLimits,
  ) {}

  /** Ready when the last produce succeeded (or none failed in the last 10 s) and there is room. */
  ready(now = Date.now()): boolean {
    const healthy = this.lastSuccessAt >= this.lastFailureAt || now - this.lastFailureAt > 10_000;
    return healthy && this.inflight < this.limits.maxInflightEvents;
  }

  async publish(tenant: TenantConfig, source: string, items: Item[]): Promise<ItemResult[]> {
    if (this.inflight + items.length > this.limits.maxInflightEvents && this.inflight > 0) throw new Overloaded();
    const publisher = new ChatEventPublisher(this.bus, this.producer, {
      source, batchSize: Number.MAX_SAFE_INTEGER, privacy: privacyStep(() => privacyOf(tenant)),
    });
    /** Rejections decided here rather than by the publisher: duplicates and non-objects. */
    const ownRejects: OutRecord[] = [];
    const seen = new Map<string, number>();
    const results: ItemResult[] = [];
    for (const [index, item] of items.entries()) {
      const origin = `${source}#${index}`;
      if ('raw' in item) {
        const v = await publisher.add(item.raw, origin);
        results.push(v.ok ? { index, status: 'accepted', eventId: v.event.eventId } : { index, status: 'rejected', field: v.field, reason: v.reason });
        continue;
      }
      if (!isRecord(item.value)) {
        const reason = '(record): expected a JSON object';
        ownRejects.push(deadLetterRecord({ value: JSON.stringify(item.value) ?? 'undefined', key: null, reason, step: 'validate', origin, headers: { [HEADERS.source]: source } }));
        results.push({ index, status: 'rejected', field: '(record)', reason });
        continue;
      }
      // The tenant is the authenticated one, whatever the payload says.
      const value: Record<string, unknown> = { ...item.value, tenantId: tenant.id };
      const key = `${String(value.platform)}\u001f${String(value.groupId)}\u001f${String(value.eventId)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        const reason = `eventId: duplicate of event #${first} in this request`;
        ownRejects.push(deadLetterRecord({
          value: JSON.stringify(value), key: null, reason, step: 'validate', origin,
          headers: { [HEADERS.source]: source, [HEADERS.schema]: CHAT_EVENT_SCHEMA },
        }));
        results.push({ index, status: 'rejected', eventId: String(value.eventId), field: 'eventId', reason });
        continue;
      }
      const v = await publisher.add(value, origin);
      if (v.ok) {
        seen.set(key, index);
        results.push({ index, status: 'accepted', eventId: v.event.eventId });
      } else {
        const eventId = typeof value.eventId === 'string' ? value.eventId : undefined;
        results.push({ index, status: 'rejected', ...(eventId !== undefined ? { eventId } : {}), field: v.field, reason: v.reason });
      }
    }
    await this.send(items.length, Promise.all([publisher.flush(), this.producer.send(this.bus.topics.deadLetter, ownRejects)]).then(() => undefined));
    const accepted = results.filter((r) => r.status === 'accepted').length;
    this.metrics.events.inc({ source, outcome: 'accepted' }, accepted);
    this.metrics.events.inc({ source, outcome: 'rejected' }, results.length - accepted);
    return results;
  }

  /** Counts the records as in flight until Kafka settles them, and gives up waiting after the timeout. */
  private async send(count: number, sending: Promise<void>): Promise<void> {
    this.inflight += count;
    this.metrics.inflight.set(this.inflight);
    const settled = sending.then(() => { this.lastSuccessAt = Date.now(); }).finally(() => {
      this.inflight -= count;
      this.metrics.inflight.set(this.inflight);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KafkaUnavailable(`no acknowledgement within ${this.limits.produceTimeoutMs} ms`)), this.limits.produceTimeoutMs);
    });
    try {
      await Promise.race([settled, timeout]);
    } catch (err) {
      this.lastFailureAt = Date.now();
      this.metrics.produceFailures.inc();
      settled.catch(() => undefined);
      throw err instanceof KafkaUnavailable ? err : new KafkaUnavailable((err as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

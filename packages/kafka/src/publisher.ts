// Validates chat events on their way into Kafka: valid ones go to chat-events keyed by tenant +
// group, invalid ones go to the dead-letter topic with the original bytes and the reason.
// Used by every producer path (import, HTTP, webhooks, demo, bench) so they count the same way.
import {
  CHAT_EVENT_SCHEMA, chatEventKey, decodeChatEvent, HEADERS, validateChatEvent, type ChatEvent, type Validation,
} from '@qunpulse/contracts';
import type { KafkaBus, OutRecord, Producer } from './bus.js';
import { deadLetterRecord } from './dead-letter.js';

export interface PublishSummary {
  accepted: number;
  rejected: number;
  /** Rejection reasons with how often each occurred. */
  reasons: Record<string, number>;
}

export interface PublisherOptions {
  /** Names the path, e.g. `import:ndjson`, `http`; written to each record's source header. */
  source: string;
  /** Records per Kafka send. */
  batchSize?: number;
  now?: () => number;
  /**
   * The tenant privacy step (`privacyStep` in @qunpulse/importers), applied to each valid event
   * before it is produced. Required, so no path can publish without deciding what it keeps.
   */
  privacy: (event: ChatEvent) => ChatEvent;
}

export type RawInput = Buffer | Uint8Array | string | object;

export class ChatEventPublisher {
  readonly summary: PublishSummary = { accepted: 0, rejected: 0, reasons: {} };
  private valid: OutRecord[] = [];
  private invalid: OutRecord[] = [];
  private readonly batchSize: number;
  private readonly now: () => number;

  constructor(private readonly bus: KafkaBus, private readonly producer: Producer, private readonly opts: PublisherOptions) {
    this.batchSize = opts.batchSize ?? 2_000;
    this.now = opts.now ?? Date.now;
  }

  /** Validates one input; buffers it for the next send and sends when the buffer is full. */
  async add(input: RawInput, origin: string): Promise<Validation> {
    const v = this.check(input);
    const now = this.now();
    if (v.ok) {
      const event = this.opts.privacy(v.event);
      this.valid.push({
        key: chatEventKey(event),
        value: JSON.stringify(event),
        headers: { [HEADERS.schema]: CHAT_EVENT_SCHEMA, [HEADERS.source]: this.opts.source, [HEADERS.producedAt]: String(now) },
      });
      this.summary.accepted++;
    } else {
      this.invalid.push(deadLetterRecord({
        value: typeof input === 'string' || input instanceof Uint8Array ? Buffer.from(input as Uint8Array) : JSON.stringify(input),
        key: null, reason: v.reason, step: 'validate', origin, headers: { [HEADERS.source]: this.opts.source },
      }, new Date(now)));
      this.summary.rejected++;
      const key = v.reason.length > 160 ? v.reason.slice(0, 160) + '…' : v.reason;
      this.summary.reasons[key] = (this.summary.reasons[key] ?? 0) + 1;
    }
    if (this.valid.length >= this.batchSize || this.invalid.length >= this.batchSize) await this.flush();
    return v;
  }

  /** Rejects a source record the reader could not turn into an event, with the reader's reason. */
  async reject(raw: string | Buffer, reason: string, origin: string): Promise<void> {
    this.invalid.push(deadLetterRecord({
      value: Buffer.from(raw), key: null, reason, step: 'read', origin, headers: { [HEADERS.source]: this.opts.source },
    }, new Date(this.now())));
    this.summary.rejected++;
    const key = reason.length > 160 ? reason.slice(0, 160) + '…' : reason;
    this.summary.reasons[key] = (this.summary.reasons[key] ?? 0) + 1;
    if (this.invalid.length >= this.batchSize) await this.flush();
  }

  /** Sends everything buffered; resolves once Kafka has acknowledged it. */
  async flush(): Promise<void> {
    const valid = this.valid;
    const invalid = this.invalid;
    this.valid = [];
    this.invalid = [];
    await Promise.all([
      this.producer.send(this.bus.topics.chatEvents, valid),
      this.producer.send(this.bus.topics.deadLetter, invalid),
    ]);
  }

  private check(input: RawInput): Validation {
    if (typeof input === 'string') return decodeChatEvent(Buffer.from(input), this.now());
    if (input instanceof Uint8Array) return decodeChatEvent(input, this.now());
    return validateChatEvent(input, this.now());
  }
}

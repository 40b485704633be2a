// Kafka record headers written by qunpulse. Dead-letter records keep the original value bytes
// untouched and explain themselves through these headers.

export const HEADERS = {
  /** Schema of the record value, e.g. `chat-event/v1`. */
  schema: 'qunpulse-schema',
  /** Which path produced the record: `http`, `import:ndjson`, `webhook:telegram`, … */
  source: 'qunpulse-source',
  /** Dead-letter: a readable reason naming the field and the problem. */
  dlqReason: 'qunpulse-dlq-reason',
  /** Dead-letter: the processing step that rejected the record (`parse`, `validate`, `store`, …). */
  dlqStep: 'qunpulse-dlq-step',
  /** Dead-letter: where the record came from originally (topic/partition/offset or file:line). */
  dlqOrigin: 'qunpulse-dlq-origin',
  /** Dead-letter: the consumer that dead-lettered it (absent when a producer refused it). */
  dlqConsumer: 'qunpulse-dlq-consumer',
  /** Dead-letter: when it was dead-lettered (ISO-8601). */
  dlqAt: 'qunpulse-dlq-at',
  /** Dead-letter: `true` when the value holds only the first bytes of the original. */
  dlqTruncated: 'qunpulse-dlq-truncated',
  /** Dead-letter: size in bytes of the original value (set when truncated). */
  dlqOriginalBytes: 'qunpulse-dlq-original-bytes',
  /** Dead-letter: SHA-256 (hex) of the whole original value (set when truncated). */
  dlqOriginalSha256: 'qunpulse-dlq-original-sha256',
  /** Epoch milliseconds when the producer sent the record; used to measure freshness. */
  producedAt: 'qunpulse-produced-at',
} as const;

export const CHAT_EVENT_SCHEMA = 'chat-event/v1';

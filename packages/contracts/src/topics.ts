// The single source of Kafka topic names. Every producer and consumer takes its names from here.
// A namespace prefixes every name so that tests, benchmarks and tenants of a shared cluster can
// run side by side on one broker without seeing each other's records.

export const TOPIC_BASE_NAMES = {
  /** Canonical chat-event/v1 records, keyed by tenantId + groupId. */
  chatEvents: 'chat-events',
  /** Records that failed validation or processing: original bytes plus reason headers. */
  deadLetter: 'chat-events-dlq',
  /** Alerts emitted by the alerter, one JSON record per alert. */
  alerts: 'qunpulse-alerts',
} as const;

export type TopicKey = keyof typeof TOPIC_BASE_NAMES;
export type TopicNames = { readonly [K in TopicKey]: string };

export function topicNames(namespace = ''): TopicNames {
  const prefix = namespace ? `${namespace}.` : '';
  return {
    chatEvents: `${prefix}${TOPIC_BASE_NAMES.chatEvents}`,
    deadLetter: `${prefix}${TOPIC_BASE_NAMES.deadLetter}`,
    alerts: `${prefix}${TOPIC_BASE_NAMES.alerts}`,
  };
}

/** Partitions per topic when the project creates them itself. */
export const DEFAULT_PARTITIONS = { chatEvents: 6, deadLetter: 1, alerts: 1 } as const;

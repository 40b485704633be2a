import { z } from 'zod';
import { envVar, parseEnv } from '@qunpulse/runtime';

export const DEFAULT_SESSION_TIMEOUT_MS = 10_000;

export const kafkaEnvSchema = z.object({
  /** Comma-separated host:port list; when unset qunpulse starts or reuses its local broker. */
  KAFKA_BROKERS: envVar.brokers().optional(),
  /** Prefix for every topic name, so several deployments can share one cluster. */
  QUNPULSE_TOPIC_NAMESPACE: z.string().regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"').max(100).optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('qunpulse'),
  /**
   * How long the broker waits for a silent consumer before handing its partitions to another. A
   * consumer killed without leaving (kill -9, a crash) stalls its partitions this long, and its
   * restart waits as long to join. The broker accepts 6000 and above by default.
   */
  KAFKA_SESSION_TIMEOUT_MS: envVar.int({ min: 6_000, max: 300_000 }).default(DEFAULT_SESSION_TIMEOUT_MS),
});

export type KafkaEnv = z.output<typeof kafkaEnvSchema>;

export function readKafkaEnv(source?: Record<string, string | undefined>): KafkaEnv {
  return parseEnv(kafkaEnvSchema, source);
}

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Topic namespace ('' for none). */
  namespace: string;
  /** Consumer group session timeout (default DEFAULT_SESSION_TIMEOUT_MS). */
  sessionTimeoutMs?: number;
}

import { z } from 'zod';
import { envVar, parseEnv } from '@qunpulse/runtime';

export const kafkaEnvSchema = z.object({
  /** Comma-separated host:port list; when unset qunpulse starts or reuses its local broker. */
  KAFKA_BROKERS: envVar.brokers().optional(),
  /** Prefix for every topic name, so several deployments can share one cluster. */
  QUNPULSE_TOPIC_NAMESPACE: z.string().regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"').max(100).optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('qunpulse'),
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
}

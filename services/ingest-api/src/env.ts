import { z } from 'zod';
import { envVar, parseEnv } from '@qunpulse/runtime';
import { kafkaEnvSchema } from '@qunpulse/kafka';

export const ingestEnvSchema = kafkaEnvSchema.extend({
  INGEST_HOST: z.string().min(1).default('0.0.0.0'),
  INGEST_PORT: envVar.int({ min: 0, max: 65535 }).default(8088),
  /** Path of the tenants file (see README); INGEST_TENANTS_JSON may hold the same JSON inline instead. */
  INGEST_TENANTS_FILE: z.string().min(1).optional(),
  INGEST_TENANTS_JSON: z.string().min(1).optional(),
  /** Largest request body accepted; larger ones are answered 413. */
  INGEST_MAX_BODY_BYTES: envVar.int({ min: 1024, max: 256 * 1024 * 1024 }).default(10 * 1024 * 1024),
  /** Most events in one request; more are answered 413. */
  INGEST_MAX_BATCH_EVENTS: envVar.int({ min: 1, max: 1_000_000 }).default(10_000),
  /** Events accepted but not yet acknowledged by Kafka; beyond this requests get 429. */
  INGEST_MAX_INFLIGHT_EVENTS: envVar.int({ min: 1, max: 10_000_000 }).default(100_000),
  /** How long a request waits for Kafka before it is answered 503. */
  INGEST_PRODUCE_TIMEOUT_MS: envVar.int({ min: 100, max: 600_000 }).default(15_000),
  /** Requests per second a tenant may send when its entry in the tenants file sets no rateLimit. */
  INGEST_TENANT_REQUESTS_PER_SECOND: envVar.int({ min: 1, max: 1_000_000 }).default(500),
  /** Requests a tenant may send at once before the per-second rate applies (the token bucket's size). */
  INGEST_TENANT_BURST: envVar.int({ min: 1, max: 10_000_000 }).default(1_000),
  /** Where the local broker keeps its data when KAFKA_BROKERS is unset (default <repo>/.qunpulse). */
  QUNPULSE_DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: envVar.logLevel().default('info'),
}).refine((e) => e.INGEST_TENANTS_FILE !== undefined || e.INGEST_TENANTS_JSON !== undefined, {
  message: 'set INGEST_TENANTS_FILE (path of the tenants file) or INGEST_TENANTS_JSON',
  path: ['INGEST_TENANTS_FILE'],
});

export type IngestEnv = z.output<typeof ingestEnvSchema>;

export function readIngestEnv(source?: Record<string, string | undefined>): IngestEnv {
  return parseEnv(ingestEnvSchema as unknown as z.ZodObject, source) as IngestEnv;
}

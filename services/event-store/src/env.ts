import { z } from 'zod';
import { envVar, parseEnv } from '@qunpulse/runtime';

export const eventStoreEnvSchema = z.object({
  /** A consumer with records waiting and nothing stored for this long is reported stalled (/readyz 503). */
  EVENT_STORE_STALL_AFTER_MS: envVar.int({ min: 1_000, max: 86_400_000 }).default(120_000),
});

export type EventStoreEnv = z.output<typeof eventStoreEnvSchema>;

export function readEventStoreEnv(source?: Record<string, string | undefined>): EventStoreEnv {
  return parseEnv(eventStoreEnvSchema, source);
}

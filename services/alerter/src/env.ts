import { z } from 'zod';
import { envVar, parseEnv } from '@qunpulse/runtime';

export const alerterEnvSchema = z.object({
  /** The routing file (YAML or JSON): channels, routes, quiet hours, language. Unset: alerts are stored and produced, not delivered. */
  QUNPULSE_ALERTS_CONFIG: z.string().min(1).optional(),
  /** Turns the alerter off entirely (no evaluation after recomputes). */
  QUNPULSE_ALERTS_ENABLED: envVar.bool().default(true),
  /** How often the outbox looks for due deliveries; newly raised alerts are looked at at once. */
  QUNPULSE_ALERTS_POLL_MS: envVar.int({ min: 50, max: 3_600_000 }).default(5_000),
});

export type AlerterEnv = z.output<typeof alerterEnvSchema>;

export function readAlerterEnv(source?: Record<string, string | undefined>): AlerterEnv {
  return parseEnv(alerterEnvSchema, source);
}

import { z } from 'zod';
import { envVar, parseEnv } from '@qunpulse/runtime';

export const alerterEnvSchema = z.object({
  /** The routing file (YAML or JSON): channels, routes, quiet hours, language. Unset: alerts are stored and produced, not delivered. */
  QUNPULSE_ALERTS_CONFIG: z.string().min(1).optional(),
  /** Turns the alerter off entirely (no evaluation after recomputes). */
  QUNPULSE_ALERTS_ENABLED: envVar.bool().default(true),
});

export type AlerterEnv = z.output<typeof alerterEnvSchema>;

export function readAlerterEnv(source?: Record<string, string | undefined>): AlerterEnv {
  return parseEnv(alerterEnvSchema, source);
}

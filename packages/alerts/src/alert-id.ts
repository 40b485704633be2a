import { createHash } from 'node:crypto';
import type { AlertRule } from './types.js';

/** Deterministic id: the same rule firing for the same group on the same day is one alert. */
export function alertId(parts: { tenantId: string; platform: string; groupId: string; rule: AlertRule; day: string }): string {
  return createHash('sha256')
    .update([parts.tenantId, parts.platform, parts.groupId, parts.rule, parts.day].join('\u0000'))
    .digest('hex')
    .slice(0, 24);
}

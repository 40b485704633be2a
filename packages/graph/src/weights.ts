import type { InteractionKind } from './types.js';

/**
 * How much one interaction of each kind counts. A reply costs the replier the most effort and is
 * the clearest sign someone's message mattered; a reaction is one tap.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<InteractionKind, number>> = {
  reply: 3,
  mention: 2,
  invite: 2,
  reaction: 1,
};

export const DEFAULT_HALF_LIFE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Exponential recency decay: an interaction `ageMs` old counts 2^(-age / halfLife). Interactions
 * dated after the as-of time (clock skew) count as new, never more than new.
 */
export function decayFactor(ageMs: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0)) throw new Error(`halfLifeDays must be > 0, got ${halfLifeDays}`);
  if (ageMs <= 0) return 1;
  return Math.pow(2, -ageMs / (halfLifeDays * DAY_MS));
}

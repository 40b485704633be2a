/** Exponential backoff: first, 2·first, 4·first, … capped at max. */
export function backoffMs(attempt: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 20));
}

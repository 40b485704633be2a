// Weighted sampling over a day's members in O(log n) per draw (cumulative weights + binary search),
// so a big group's many messages do not cost a scan of every member each.
import type { Rng } from './random.js';

export class WeightedPool {
  private items: number[] = [];
  private cum: number[] = [];
  private total = 0;

  reset(): void {
    this.items.length = 0;
    this.cum.length = 0;
    this.total = 0;
  }

  add(item: number, weight: number): void {
    if (!(weight > 0)) return;
    this.total += weight;
    this.items.push(item);
    this.cum.push(this.total);
  }

  get size(): number {
    return this.items.length;
  }

  /** An item drawn in proportion to its weight, or -1 when the pool is empty. */
  pick(rng: Rng): number {
    if (this.total <= 0) return -1;
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

// Tells whether a consumer is making progress. Work counts as pending from the moment a batch is
// handed to the event store until a batch is stored and committed; a consumer that keeps retrying
// (warehouse down) or keeps failing and being restarted stays pending, and past the allowed time
// it is reported as stalled by /readyz and /metrics.

export interface ProgressHealth {
  ready: boolean;
  detail: string;
  /** Seconds the oldest pending batch has waited; 0 when nothing is pending. */
  secondsWithoutProgress: number;
}

export class ProgressWatch {
  private pendingSince: number | undefined;
  private lastProgressAt: number | undefined;

  constructor(private readonly stallAfterMs: number, private readonly now: () => number = Date.now) {}

  /** A batch arrived; the clock keeps running from the first batch not yet stored. */
  begin(): void {
    this.pendingSince ??= this.now();
  }

  /** A batch was stored and its offsets are about to be committed. */
  done(): void {
    this.pendingSince = undefined;
    this.lastProgressAt = this.now();
  }

  health(): ProgressHealth {
    const waited = this.pendingSince === undefined ? 0 : this.now() - this.pendingSince;
    const stalled = waited > this.stallAfterMs;
    const last = this.lastProgressAt === undefined ? 'no batch stored yet' : `last batch stored ${new Date(this.lastProgressAt).toISOString()}`;
    return {
      ready: !stalled,
      detail: stalled ? `no progress for ${Math.round(waited / 1000)} s with records waiting (${last})` : 'making progress',
      secondsWithoutProgress: waited / 1000,
    };
  }
}

// Shut down in a fixed order (stop consuming, flush, commit, close) with a forced-exit timer,
// so a stuck dependency can never keep a process alive after it was asked to stop.
import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

export class Shutdown {
  private readonly steps: ShutdownStep[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: Logger, private readonly forceExitAfterMs = 30_000) {}

  /** Steps run in the order they were added. */
  add(name: string, run: ShutdownStep['run']): this {
    this.steps.push({ name, run });
    return this;
  }

  run(reason: string): Promise<void> {
    this.running ??= (async () => {
      this.log.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        this.log.error({ afterMs: this.forceExitAfterMs }, 'shutdown timed out; forcing exit');
        process.exit(1);
      }, this.forceExitAfterMs);
      timer.unref();
      for (const step of this.steps) {
        try {
          await step.run();
          this.log.debug({ step: step.name }, 'shutdown step done');
        } catch (err) {
          this.log.error({ err, step: step.name }, 'shutdown step failed');
        }
      }
      clearTimeout(timer);
    })();
    return this.running;
  }

  /** Runs the steps on SIGINT/SIGTERM, then exits. */
  onSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
    const handler = (signal: NodeJS.Signals) => { void this.run(signal).then(() => exit(0)); };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  }
}

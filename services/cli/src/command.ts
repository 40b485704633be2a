export interface Command {
  name: string;
  /** One line for `qunpulse help`. */
  summary: string;
  /** Full usage text for `qunpulse help NAME` and `--help`. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr, so that command output on stdout stays machine-readable. */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info', extra: LoggerOptions = {}): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime, ...extra }, pino.destination(2));
}

/** A logger that writes nothing; for tests and for library code called without one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

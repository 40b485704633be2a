// Every service validates its environment with zod at start-up and fails with a message that
// names the variable and the problem, instead of crashing later on a bare parseInt.
import { z } from 'zod';

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

type Source = Record<string, string | undefined>;

/** Parses `source` (default process.env) with a zod object schema whose keys are variable names. */
export function parseEnv<S extends z.ZodObject>(schema: S, source: Source = process.env): z.output<S> {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const raw = source[key];
    // An empty variable means "not set": shells often export FOO= to clear a value.
    picked[key] = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  }
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => {
    const name = issue.path.length ? String(issue.path[0]) : '(env)';
    const value = picked[String(issue.path[0])];
    return `${name}: ${issue.message}${value === undefined ? ' (not set)' : ` (got ${JSON.stringify(value)})`}`;
  }));
}

/** Helpers for variables that arrive as strings. */
export const envVar = {
  int: (opts: { min?: number; max?: number } = {}) =>
    z.string().regex(/^-?\d+$/, 'must be a whole number').transform(Number)
      .pipe(z.number().int().min(opts.min ?? Number.MIN_SAFE_INTEGER, `must be ≥ ${opts.min}`).max(opts.max ?? Number.MAX_SAFE_INTEGER, `must be ≤ ${opts.max}`)),
  bool: () => z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  list: () => z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  url: () => z.url({ error: 'must be a URL such as http://127.0.0.1:8123' }),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'must be one of fatal, error, warn, info, debug, trace, silent',
  }),
  brokers: () => z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each broker must be host:port')).min(1, 'must list at least one host:port')),
};

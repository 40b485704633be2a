import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvError, envVar, parseEnv } from './env.js';

const schema = z.object({
  PORT: envVar.int({ min: 1, max: 65535 }).default(8080),
  KAFKA_BROKERS: envVar.brokers().optional(),
  LOG_LEVEL: envVar.logLevel().default('info'),
});

describe('parseEnv', () => {
  it('applies defaults and parses values', () => {
    expect(parseEnv(schema, { KAFKA_BROKERS: 'a:1, b:2' })).toEqual({ PORT: 8080, KAFKA_BROKERS: ['a:1', 'b:2'], LOG_LEVEL: 'info' });
  });

  it('treats empty variables as unset', () => {
    expect(parseEnv(schema, { PORT: '' }).PORT).toBe(8080);
  });

  it('names each bad variable and its problem', () => {
    try {
      parseEnv(schema, { PORT: 'eighty', KAFKA_BROKERS: 'localhost', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      const msg = (err as Error).message;
      expect(msg).toContain('PORT: must be a whole number (got "eighty")');
      expect(msg).toContain('KAFKA_BROKERS');
      expect(msg).toContain('host:port');
      expect(msg).toContain('LOG_LEVEL: must be one of');
    }
  });
});

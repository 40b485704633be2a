import { describe, expect, it } from 'vitest';
import type { OutRecord, Producer } from '@qunpulse/kafka';
import { patientProducer, transientKafkaError } from './patient-producer.js';

class KafkaLikeError extends Error {
  constructor(message: string, readonly retriable: boolean, override readonly cause?: unknown) { super(message); }
}
const exhausted = (cause: unknown) => new KafkaLikeError('Number of retries exceeded', false, cause);

function failing(errors: unknown[]): Producer & { calls: number } {
  const p = {
    calls: 0,
    async send(_topic: string, _records: OutRecord[]) {
      p.calls++;
      const err = errors.shift();
      if (err) throw err;
    },
    close: async () => {},
  };
  return p;
}

describe('a producer that waits out a broker coming back', () => {
  it('tells errors that may pass from those that will not', () => {
    expect(transientKafkaError(exhausted(new KafkaLikeError('Connection error: connect ECONNREFUSED', true)))).toBe(true);
    expect(transientKafkaError(new KafkaLikeError('The request included a message larger than the max message size the server will accept', false))).toBe(false);
    expect(transientKafkaError(new Error('plain'))).toBe(false);
  });

  it('sends again after transient failures, within the deadline', async () => {
    const refused = () => exhausted(new KafkaLikeError('ECONNREFUSED', true));
    const inner = failing([refused(), refused()]);
    await patientProducer(inner, 10_000).send('t', [{ key: 'k', value: 'v' }]);
    expect(inner.calls).toBe(3);
  });

  it('fails at once on an error that will not pass, and at the deadline on one that does not pass in time', async () => {
    const tooLarge = failing([new KafkaLikeError('message too large', false)]);
    await expect(patientProducer(tooLarge, 10_000).send('t', [])).rejects.toThrow('message too large');
    expect(tooLarge.calls).toBe(1);
    const down = failing(Array.from({ length: 100 }, () => exhausted(new KafkaLikeError('ECONNREFUSED', true))));
    const t0 = Date.now();
    await expect(patientProducer(down, 600).send('t', [])).rejects.toThrow('Number of retries exceeded');
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(down.calls).toBeGreaterThan(1);
  });
});

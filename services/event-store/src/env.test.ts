import { describe, expect, it } from 'vitest';
import { EnvError } from '@qunpulse/runtime';
import { readEventStoreEnv } from './env.js';
import { ProgressWatch } from '@qunpulse/consumer-kit';

describe('event store environment', () => {
  it('defaults the stall time to two minutes and names a bad value', () => {
    expect(readEventStoreEnv({}).EVENT_STORE_STALL_AFTER_MS).toBe(120_000);
    expect(readEventStoreEnv({ EVENT_STORE_STALL_AFTER_MS: '5000' }).EVENT_STORE_STALL_AFTER_MS).toBe(5_000);
    expect(() => readEventStoreEnv({ EVENT_STORE_STALL_AFTER_MS: '2m' })).toThrow(EnvError);
    expect(() => readEventStoreEnv({ EVENT_STORE_STALL_AFTER_MS: '10' })).toThrow(/EVENT_STORE_STALL_AFTER_MS: must be ≥ 1000 \(got "10"\)/);
  });
});

describe('progress watch', () => {
  it('reports a stall only while work waits longer than allowed, from the first batch not yet stored', () => {
    let now = 0;
    const w = new ProgressWatch(1_000, () => now);
    now = 5_000;
    expect(w.health()).toEqual({ ready: true, detail: 'making progress', secondsWithoutProgress: 0 });
    w.begin();
    now = 5_800;
    w.begin();
    expect(w.health().ready).toBe(true);
    now = 6_500;
    expect(w.health()).toMatchObject({ ready: false, detail: 'no progress for 2 s with records waiting (no batch stored yet)', secondsWithoutProgress: 1.5 });
    w.done();
    expect(w.health()).toMatchObject({ ready: true, secondsWithoutProgress: 0 });
  });
});

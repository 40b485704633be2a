import { describe, expect, it } from 'vitest';
import { readAnalyticsEnv } from './env.js';

describe('analytics worker env', () => {
  it('defaults to a one-minute wall-clock schedule', () => {
    expect(readAnalyticsEnv({})).toEqual({ ANALYTICS_INTERVAL_MS: 60_000, ANALYTICS_CLOCK: 'wall', KOL_HALF_LIFE_DAYS: 30, KOL_BETWEENNESS_EXACT_MAX_MEMBERS: 2_000, SEGMENT_CHURN_SILENT_DAYS: 30 });
  });
  it('names a bad interval', () => {
    expect(() => readAnalyticsEnv({ ANALYTICS_INTERVAL_MS: '5s' })).toThrow(/ANALYTICS_INTERVAL_MS: must be a whole number/);
  });
  it('names a bad half-life', () => {
    expect(() => readAnalyticsEnv({ KOL_HALF_LIFE_DAYS: '0' })).toThrow(/KOL_HALF_LIFE_DAYS: must be ≥ 1/);
    expect(() => readAnalyticsEnv({ SEGMENT_CHURN_SILENT_DAYS: '120' })).toThrow(/SEGMENT_CHURN_SILENT_DAYS: must be ≤ 89/);
  });
  it('names a bad clock', () => {
    expect(() => readAnalyticsEnv({ ANALYTICS_CLOCK: 'sundial' })).toThrow(/ANALYTICS_CLOCK: must be wall or data/);
  });
});

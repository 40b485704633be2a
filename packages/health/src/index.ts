export * from './types.js';
export * from './thresholds.js';
export { DAY_MS, dayKey, denseSeries, emptyDay } from './windows.js';
export { computeSignals, MIN_BASELINE, type Signals } from './signals.js';
export { detectReasons, DETECTORS } from './reasons.js';
export { activityScore, growthScore, retentionScore, structureScore } from './scores.js';
export { assessGroup, decideStatus } from './assess.js';
export * from './evaluation.js';
export * from './local-days.js';

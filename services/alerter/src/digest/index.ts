export * from './facts.js';
export * from './fading.js';
export * from './schedule.js';

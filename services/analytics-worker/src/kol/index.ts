export * from './compute.js';
export * from './read.js';
export * from './rows.js';
export * from './step.js';

export * from './env.js';
export * from './process-batch.js';
export * from './progress.js';
export * from './row.js';
export * from './service.js';
export * from './new-only.js';
export * from './store-rows.js';

export * from './process-batch.js';
export * from './row.js';
export * from './service.js';
export * from './new-only.js';

export * from './env.js';
export * from './row-meta.js';
export * from './row.js';
export * from './service.js';
export * from './new-only.js';
export * from './store-rows.js';

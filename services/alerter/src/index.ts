export * from './env.js';
export * from './config-file.js';
export * from './facts.js';
export * from './deliver.js';
export * from './alerter.js';
export * from './outbox.js';
export * from './dashboard-url.js';
export * from './digest/index.js';

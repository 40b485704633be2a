export * from './config.js';
export * from './embedded.js';
export * from './migrations.js';
export * from './server.js';
export * from './warehouse.js';
export * from './insert-failure.js';
export * from './reach.js';

export * from './env.js';
export * from './tenants.js';
export * from './metrics.js';
export * from './ingestor.js';
export * from './events-body.js';
export * from './webhooks.js';
export * from './server.js';
export * from './main.js';

export * from './lines.js';
export * from './privacy.js';
export * from './slack-message.js';
export * from './webhooks/index.js';
export * from './exports/index.js';

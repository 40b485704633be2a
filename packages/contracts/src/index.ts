export * from './contract.js';
export * from './chat-event.js';
export * from './headers.js';
export * from './json.js';
export * from './keys.js';
export * from './topics.js';
export * from './validate.js';

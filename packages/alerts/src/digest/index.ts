export * from './types.js';
export * from './text.js';
export * from './payloads.js';

export * from './command.js';
export * from './importing.js';
export * from './main.js';
export * from './pipeline.js';
export * from './runtime.js';
export * from './services.js';
export * from './read-api/index.js';

export * from './bus.js';
export * from './dead-letter.js';
export * from './local-broker.js';
export * from './settings.js';
export * from './steps.js';
export * from './publisher.js';

export * from './schema.js';
export * from './links.js';
export * from './suggest.js';

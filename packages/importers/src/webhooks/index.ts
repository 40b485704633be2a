export * from './types.js';
export * from './secret.js';
export * from './telegram.js';
export * from './slack.js';
export * from './discord.js';
export * from './wecom-crypto.js';
export * from './wecom.js';

import { readCsvExport } from './csv.js';
import { readDiscordExport } from './discord.js';
import { readNdjson } from './ndjson.js';
import { readSlackExport } from './slack.js';
import { readTelegramExport } from './telegram.js';
import type { ExportReader } from './types.js';

export * from './types.js';
export * from './csv.js';
export * from './discord.js';
export * from './ndjson.js';
export * from './slack.js';
export * from './telegram.js';
export * from './json-stream.js';

export const EXPORT_FORMATS = ['ndjson', 'telegram', 'slack', 'discord', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_READERS: Record<ExportFormat, ExportReader> = {
  ndjson: readNdjson, telegram: readTelegramExport, slack: readSlackExport, discord: readDiscordExport, csv: readCsvExport,
};

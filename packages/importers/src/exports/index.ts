import { readCsvExport } from './csv.js';
import { readDiscordExport } from './discord.js';
import { readIrcLog } from './irc.js';
import { readNdjson } from './ndjson.js';
import { readQqText } from './qq.js';
import { readSlackExport } from './slack.js';
import { readTelegramExport } from './telegram.js';
import { readWechatExport } from './wechat.js';
import { readZulipArchive } from './zulip.js';
import type { ExportReader } from './types.js';

export * from './types.js';
export * from './csv.js';
export * from './discord.js';
export * from './ndjson.js';
export * from './slack.js';
export * from './telegram.js';
export * from './json-stream.js';
export * from './irc.js';
export * from './irc-line.js';
export * from './zulip.js';
export * from './wechat.js';
export * from './qq.js';

export const EXPORT_FORMATS = ['ndjson', 'telegram', 'slack', 'discord', 'csv', 'irc', 'zulip', 'wechat', 'qq'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_READERS: Record<ExportFormat, ExportReader> = {
  ndjson: readNdjson, telegram: readTelegramExport, slack: readSlackExport, discord: readDiscordExport, csv: readCsvExport,
  irc: readIrcLog, zulip: readZulipArchive, wechat: readWechatExport, qq: readQqText,
};

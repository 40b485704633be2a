import path from 'node:path';
import { CSV_FIELDS, EXPORT_FORMATS, type CsvField, type CsvOptions, type ExportFormat } from '@qunpulse/importers';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { renderImportSummary, runImport } from '../import/run-import.js';
import { openRuntime } from '../runtime.js';
import { TENANTS_OPTION_HELP, tenantPolicies } from '../tenant-policies.js';

const CSV_PLATFORMS = ['wechat', 'qq', 'wecom', 'other'] as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'Stream chat exports into Kafka (validated; invalid records to the dead-letter topic; resumable)',
  usage: `Usage: qunpulse import FORMAT FILE... [options]

Formats: ${EXPORT_FORMATS.join(', ')}
  ndjson    canonical chat-event/v1, one JSON object per line
  telegram  Telegram Desktop export (result.json)
  slack     Slack workspace export (.zip or unpacked folder)
  discord   DiscordChatExporter JSON (one file per channel)
  csv       WeChat / QQ group message export (column mapping: services/ingest-api/README.md)
  irc       IRC channel logs (mIRC, ZNC, irssi, weechat, or HTML renderings); a file or a folder
  zulip     zulip-archive JSON (the zulip_json folder, one stream's folder, or one topic file)
  wechat    WeChat chat history from desktop export tools (CSV or JSON; Type/StrContent/Sender…)
  qq        QQ's own message-record text export (.txt)

Options:
  --tenant ID          tenant of the export (required except for ndjson, where it overrides tenantId)
  ${TENANTS_OPTION_HELP}
  --platform NAME      csv: ${CSV_PLATFORMS.join(', ')} (default wechat)
  --utc-offset ±HH:MM  csv, irc, wechat, qq: offset of times written without one (default +08:00;
                       irc: +00:00)
  --column FIELD=HEADER  csv: which header holds FIELD (${CSV_FIELDS.join(', ')}); repeatable
  --restart            ignore checkpoints and import every file from the beginning
  --json               print the summary as JSON

Interrupted imports (Ctrl-C, crash) resume where the last acknowledged batch ended when the same
command runs again; events already sent are stored once thanks to their deterministic ids.`,
  async run(args) {
    const { values, positionals } = parse(args, {
      json: { type: 'boolean' }, restart: { type: 'boolean' }, tenant: { type: 'string' }, tenants: { type: 'string' },
      platform: { type: 'string' }, 'utc-offset': { type: 'string' }, column: { type: 'string', multiple: true },
    });
    const [format, ...files] = positionals;
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`FORMAT must be one of ${EXPORT_FORMATS.join(', ')}`);
    if (files.length === 0) throw new UsageError('give at least one FILE');
    if (format !== 'ndjson' && !values.tenant) throw new UsageError(`--tenant is required for ${format} exports (they do not name a tenant)`);
    if (values.tenant !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(values.tenant)) throw new UsageError('--tenant may hold 1-64 letters, digits, ".", "_" and "-"');
    const csv = csvOptions(values.platform, values['utc-offset'], values.column);
    const policies = tenantPolicies(values.tenants);
    const rt = await openRuntime({ name: 'import', warehouse: false });
    let stop = false;
    const onSigint = () => { stop = true; };
    process.once('SIGINT', onSigint);
    try {
      const summary = await runImport(rt.bus, {
        format: format as ExportFormat, files, tenantId: values.tenant, policies, csv, utcOffset: values['utc-offset'], restart: values.restart === true,
        checkpointDir: path.join(rt.dataDir, 'import-checkpoints'), quiet: values.json === true, shouldStop: () => stop,
      });
      process.stdout.write(values.json ? JSON.stringify(summary, null, 2) + '\n' : renderImportSummary(summary));
      return summary.interrupted ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
      await rt.close();
    }
  },
};

function csvOptions(platform: string | undefined, utcOffset: string | undefined, columns: string[] | undefined): CsvOptions {
  if (platform !== undefined && !(CSV_PLATFORMS as readonly string[]).includes(platform)) throw new UsageError(`--platform must be one of ${CSV_PLATFORMS.join(', ')}`);
  if (utcOffset !== undefined && !/^[+-]\d{2}:\d{2}$/.test(utcOffset)) throw new UsageError('--utc-offset must look like +08:00');
  const mapped: Partial<Record<CsvField, string>> = {};
  for (const c of columns ?? []) {
    const [field, ...rest] = c.split('=');
    if (!(CSV_FIELDS as readonly string[]).includes(field ?? '') || rest.length === 0) throw new UsageError(`--column must be FIELD=HEADER with FIELD one of ${CSV_FIELDS.join(', ')}, got ${JSON.stringify(c)}`);
    mapped[field as CsvField] = rest.join('=');
  }
  return {
    ...(platform ? { platform: platform as CsvOptions['platform'] & string } : {}),
    ...(utcOffset ? { utcOffset } : {}),
    ...(Object.keys(mapped).length ? { columns: mapped } : {}),
  };
}

import { EXPORT_FORMATS, type ExportFormat } from '@qunpulse/importers';
import { KOL_HORIZON_NAMES } from '@qunpulse/graph';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { readArchive } from '../eval/archive.js';
import { analyzeHorizon, scoreHorizon, type HorizonResult } from '../eval/measure.js';
import { ircChanServOps, truthFile } from '../eval/truth.js';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'Real-data KOL evaluation: truth members in the top k for the composite score, message count and PageRank',
  usage: `Usage: qunpulse eval NAME=FORMAT:PATH[=TRUTH]... [--exclude FILE] [--json]

Reads each archive from local files (nothing is fetched), ranks its members tenant-wide as of its
last event for each horizon (${KOL_HORIZON_NAMES.join(', ')}), and counts truth members in the top k,
k = truth members who posted within the horizon's window.
  NAME=FORMAT:PATH         an archive: FORMAT one of ${EXPORT_FORMATS.join(', ')}; PATH a file or folder
  =TRUTH                   a file of truth member ids (one a line, # comments); for irc, "chanserv-ops"
                           (the default there): nicks ChanServ granted +o in the logs' mode lines
  --exclude FILE           bot and staff accounts the tenant lists (one a line), never ranked
  --json                   print the results as JSON`,
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, exclude: { type: 'string' } });
    if (positionals.length === 0) throw new UsageError('give at least one archive NAME=FORMAT:PATH');
    const excluded = values.exclude ? truthFile(values.exclude) : undefined;
    const rows: ({ archive: string; groups: number; first: string; last: string } & HorizonResult)[] = [];
    for (const spec of positionals) {
      const m = /^([^=]+)=([a-z]+):([^=]+)(?:=(.+))?$/.exec(spec);
      if (!m) throw new UsageError(`archive must be NAME=FORMAT:PATH[=TRUTH], got ${JSON.stringify(spec)}`);
      const [, name, format, input, truthSpec] = m as unknown as [string, string, string, string, string | undefined];
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`${name}: FORMAT must be one of ${EXPORT_FORMATS.join(', ')}, got ${format}`);
      if (truthSpec === undefined && format !== 'irc') throw new UsageError(`${name}: give a truth file (NAME=FORMAT:PATH=TRUTH); only irc logs carry their own (chanserv-ops)`);
      const truth = truthSpec === undefined || truthSpec === 'chanserv-ops' ? await ircChanServOps(input) : truthFile(truthSpec);
      const data = await readArchive(format as ExportFormat, input);
      for (const horizon of KOL_HORIZON_NAMES) {
        const r = scoreHorizon(analyzeHorizon(data, truth, horizon, data.lastAt, excluded ? { excluded } : {}));
        rows.push({ archive: name, groups: data.groups.length, first: iso(data.firstAt), last: iso(data.lastAt), ...r });
      }
      if (!values.json) process.stderr.write(`${name}: ${data.messages.length.toLocaleString('en-US')} messages, ${data.interactions.length.toLocaleString('en-US')} interactions, ${truth.size} truth members, ${data.rejected} records rejected\n`);
    }
    if (values.json) { process.stdout.write(JSON.stringify(rows, null, 2) + '\n'); return 0; }
    const lines = ['| archive | horizon | as of | members in window | k | composite | message count | PageRank |', '|---|---|---|---:|---:|---:|---:|---:|'];
    for (const r of rows) lines.push(`| ${r.archive} | ${r.horizon} | ${iso(r.asOf)} | ${r.members} | ${r.k} | ${r.composite} | ${r.messages} | ${r.pagerank} |`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

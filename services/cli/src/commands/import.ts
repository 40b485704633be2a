import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { importNdjson, renderSummary } from '../importing.js';
import { openRuntime } from '../runtime.js';

const FORMATS = ['ndjson'] as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'Stream exported chat events into Kafka (validated; invalid records to the dead-letter topic)',
  usage: `Usage: qunpulse import FORMAT FILE... [--json]

Formats: ${FORMATS.join(', ')}
  ndjson   canonical chat-event/v1, one JSON object per line

Prints accepted and rejected counts with the rejection reasons; rejected records go to the
dead-letter topic with their reason. --json prints the summary as JSON.`,
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    const [format, ...files] = positionals;
    if (!format || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`FORMAT must be one of ${FORMATS.join(', ')}`);
    if (files.length === 0) throw new UsageError('give at least one FILE');
    const rt = await openRuntime({ name: 'import', warehouse: false });
    try {
      const summary = await importNdjson(rt.bus, files);
      process.stdout.write(values.json ? JSON.stringify(summary, null, 2) + '\n' : renderSummary(summary));
      return 0;
    } finally {
      await rt.close();
    }
  },
};

// `qunpulse simulate`: writes a seeded community stream as NDJSON, day by day (so big sizes stream
// to disk), and its ground truth beside it.
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { DEFAULT_START, Simulation, SimulationOptionsError } from '@qunpulse/simulator';
import { UsageError, type Command } from '../command.js';
import { intOption, parse, timeOption } from '../args.js';
import { progressBar } from '../progress.js';

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Write a seeded, simulated community stream (NDJSON) and its ground truth',
  usage: `Usage: qunpulse simulate --out FILE [--groups N] [--days D] [--seed S] [--start DATE] [--tenant ID]

Simulates N groups (default 60) over D days (default 112) and writes every chat-event/v1 record,
ordered by occurredAt, as NDJSON to FILE. The ground truth (each group's archetype, status at the
end, KOLs, spammers and every member's role) goes to FILE.truth.json.
The same options always give byte-identical files.

  --seed S       PRNG seed (default 1)
  --start DATE   first day, ISO-8601 or epoch ms (default ${new Date(DEFAULT_START).toISOString().slice(0, 10)})
  --tenant ID    tenantId of every event (default demo)

Import the stream with: qunpulse import ndjson FILE`,
  async run(args) {
    const { values } = parse(args, {
      out: { type: 'string' }, groups: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' },
      start: { type: 'string' }, tenant: { type: 'string' },
    }, false);
    if (!values.out) throw new UsageError('--out FILE is required');
    let sim: Simulation;
    try {
      sim = new Simulation({
        groups: intOption(values.groups, 'groups', 60, 1),
        days: intOption(values.days, 'days', 112, 1),
        seed: intOption(values.seed, 'seed', 1, 0),
        start: timeOption(values.start, 'start') ?? DEFAULT_START,
        tenantId: values.tenant ?? 'demo',
      });
    } catch (err) {
      if (err instanceof SimulationOptionsError) throw new UsageError(err.message);
      throw err;
    }
    const out = createWriteStream(values.out);
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    const progress = progressBar('simulating');
    let count = 0;
    let day = 0;
    for (const events of sim.eachDay()) {
      let chunk = '';
      for (const e of events) chunk += JSON.stringify(e) + '\n';
      count += events.length;
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      progress.update(++day, sim.days, `days, ${count.toLocaleString('en-US')} events`);
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    const truthFile = `${values.out}.truth.json`;
    const truth = sim.truth();
    writeFileSync(truthFile, JSON.stringify(truth, null, 2) + '\n');
    progress.done(`${count.toLocaleString('en-US')} events`);
    const statuses = new Map<string, number>();
    for (const g of truth.groups) statuses.set(g.status, (statuses.get(g.status) ?? 0) + 1);
    process.stdout.write([
      `events: ${count} → ${values.out}`,
      `ground truth: ${truthFile}`,
      `groups by status at the end: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}`,
      '',
    ].join('\n'));
    return 0;
  },
};

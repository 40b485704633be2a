// The benchmark's input: a simulated community written to NDJSON before the clock starts, so the
// measured path is the real producer path (read, validate, produce) and not the simulator.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DAY_MS, Simulation } from '@qunpulse/simulator';

export interface Workload {
  file: string;
  tenantId: string;
  events: number;
  bytes: number;
  members: number;
  groups: number;
  /** occurredAt of the last event, the analytics' as-of time. */
  lastAt: number;
}

/** Average events a simulated group yields over 16 weeks (measured on the default mix). */
const EVENTS_PER_GROUP = 6_300;
const DAYS = 112;

export async function writeWorkload(file: string, opts: { events: number; tenantId: string; seed: number; now: number }): Promise<Workload> {
  const groups = Math.max(3, Math.ceil(opts.events / EVENTS_PER_GROUP));
  // End yesterday, so that no event is in the future for the pipeline's validation.
  const start = Math.floor(opts.now / DAY_MS) * DAY_MS - (DAYS + 1) * DAY_MS;
  const sim = new Simulation({ groups, days: DAYS, seed: opts.seed, start, tenantId: opts.tenantId });
  const out = createWriteStream(file);
  const members = new Set<string>();
  const touched = new Set<string>();
  let events = 0;
  let bytes = 0;
  let lastAt = start;
  for (const day of sim.eachDay()) {
    let chunk = '';
    for (const e of day) {
      if (events >= opts.events) break;
      const line = JSON.stringify(e) + '\n';
      chunk += line;
      bytes += Buffer.byteLength(line);
      events++;
      if (e.memberId) members.add(e.memberId);
      touched.add(e.groupId);
      lastAt = e.occurredAt as number;
    }
    if (chunk && !out.write(chunk)) await once(out, 'drain');
    if (events >= opts.events) break;
  }
  out.end();
  await once(out, 'finish');
  return { file, tenantId: opts.tenantId, events, bytes, members: members.size, groups: touched.size, lastAt };
}

// CPU profiles of one benchmark phase, taken in-process with the inspector (the same sampler as
// `node --cpu-prof`), so a profile covers the throughput phase only and not the setup, the KOL run
// or the perf tools. The profile file opens in Chrome DevTools; the summary names the functions
// where the main thread spent its time, per event.
import { Session } from 'node:inspector/promises';
import { readFileSync, writeFileSync } from 'node:fs';

/** One function's own (self) time on the main thread. */
export interface ProfileEntry {
  functionName: string;
  /** file:line, shortened to the package or node_modules path. */
  where: string;
  /** Share of the sampled main-thread time. */
  share: number;
  microsPerEvent: number;
}

export interface ProfileSummary {
  file: string;
  /**
   * The main thread's CPU time over the phase, µs per event (from /proc; the rest of the process's
   * CPU is its other threads: libuv, V8's GC helpers, embedded ClickHouse). Null where unreadable.
   */
  mainThreadMicrosPerEvent: number | null;
  top: ProfileEntry[];
}

/** CPU time (user + system, µs) of this process's main thread; its thread id is the process id. */
function mainThreadCpuMicros(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/kafkajs/src/…` or `packages/contracts/dist/…`: enough to tell whose code it is. */
function shortUrl(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + 1);
  const m = /\/((?:packages|services)\/.*)$/.exec(url);
  return m ? m[1]! : url.replace(/^file:\/\//, '');
}

/**
 * Self time per function (name + place), largest first; GC stays visible as V8 names it. Samples
 * are spaced in wall time, so a descheduled thread inflates them: each function's share of the
 * samples is applied to the main thread's measured CPU time instead.
 */
export function summarizeProfile(profile: CpuProfile, events: number, mainThreadMicros: number | null, top = 15): Omit<ProfileSummary, 'file'> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { entry: Omit<ProfileEntry, 'share' | 'microsPerEvent'>; micros: number }>();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    // A sample's time is the gap to the next one.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (!node || dt <= 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    busy += dt;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName}\u0000${where}`;
    const slot = self.get(key) ?? { entry: { functionName: functionName || '(anonymous)', where }, micros: 0 };
    slot.micros += dt;
    self.set(key, slot);
  }
  const n = Math.max(1, events);
  const cpu = mainThreadMicros ?? busy;
  return {
    mainThreadMicrosPerEvent: mainThreadMicros === null ? null : mainThreadMicros / n,
    top: [...self.values()].sort((a, b) => b.micros - a.micros).slice(0, top)
      .map((s) => ({ ...s.entry, share: busy ? s.micros / busy : 0, microsPerEvent: busy ? ((s.micros / busy) * cpu) / n : 0 })),
  };
}

export class PhaseProfiler {
  private constructor(private readonly session: Session, private readonly cpuAtStart: number | null) {}

  static async start(): Promise<PhaseProfiler> {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    // 1 ms, as `node --cpu-prof`: under 1 % of overhead, and a million events give tens of thousands of samples.
    await session.post('Profiler.setSamplingInterval', { interval: 1_000 });
    await session.post('Profiler.start');
    return new PhaseProfiler(session, mainThreadCpuMicros());
  }

  /** Stops sampling, writes the .cpuprofile and returns its summary. */
  async stop(file: string, events: number): Promise<ProfileSummary> {
    const cpuAtEnd = mainThreadCpuMicros();
    const { profile } = await this.session.post('Profiler.stop') as { profile: CpuProfile };
    await this.session.post('Profiler.disable');
    this.session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    const main = cpuAtEnd === null || this.cpuAtStart === null ? null : cpuAtEnd - this.cpuAtStart;
    return { file, ...summarizeProfile(profile, events, main) };
  }
}

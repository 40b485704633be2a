// The simulation of a whole tenant: many groups advanced day by day, merged into one stream
// ordered by occurredAt. Days are produced one at a time, so a stream of ten million events never
// sits in memory at once.
import { PLATFORMS, type ChatEventInput, type Platform } from '@qunpulse/contracts';
import { archetypeFor, planGroup } from './archetypes.js';
import { Bridges } from './bridges.js';
import { DAY_MS, GroupSim, type SpammerPool, type Timed } from './group.js';
import { Rng, mix32 } from './random.js';
import type { GroundTruth } from './truth.js';
import { AD_TEXTS, TZ_OFFSETS, groupName } from './vocabulary.js';

export interface SimulateOptions {
  groups: number;
  days: number;
  seed: number;
  /** Epoch ms of the first day (rounded down to 00:00 UTC). Fixed by default so output never depends on the clock. */
  start?: number;
  tenantId?: string;
  /** Relative weights of platforms among the groups. */
  platformMix?: Partial<Record<Platform, number>>;
}

export const DEFAULT_START = Date.UTC(2026, 5, 1);
export const DEFAULT_PLATFORM_MIX: Readonly<Record<Platform, number>> = {
  wecom: 0.3, wechat: 0.2, qq: 0.15, telegram: 0.15, discord: 0.12, slack: 0.08, other: 0, irc: 0, zulip: 0,
};

export class SimulationOptionsError extends Error {}

function check(opts: SimulateOptions): Required<Omit<SimulateOptions, 'platformMix'>> & { platformMix: Record<Platform, number> } {
  const whole = (field: string, v: unknown, lo: number, hi: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      throw new SimulationOptionsError(`${field} must be a whole number from ${lo} to ${hi}, got ${String(v)}`);
    }
  };
  whole('groups', opts.groups, 1, 1_000_000);
  whole('days', opts.days, 1, 3_650);
  whole('seed', opts.seed, 0, 0xffffffff);
  const start = opts.start ?? DEFAULT_START;
  if (typeof start !== 'number' || !Number.isFinite(start) || start < Date.UTC(2000, 0, 1)) {
    throw new SimulationOptionsError('start must be epoch milliseconds on or after 2000-01-01');
  }
  const tenantId = opts.tenantId ?? 'demo';
  if (!tenantId || tenantId.length > 256) throw new SimulationOptionsError('tenantId must be 1 to 256 characters');
  const mix = { ...DEFAULT_PLATFORM_MIX, ...(opts.platformMix ?? {}) } as Record<Platform, number>;
  if (opts.platformMix) for (const p of PLATFORMS) mix[p] = opts.platformMix[p] ?? 0;
  for (const p of PLATFORMS) {
    if (!(mix[p] >= 0)) throw new SimulationOptionsError(`platformMix.${p} must be a number ≥ 0`);
  }
  if (PLATFORMS.every((p) => mix[p] === 0)) throw new SimulationOptionsError('platformMix must give some platform a weight above 0');
  return { groups: opts.groups, days: opts.days, seed: opts.seed, start: Math.floor(start / DAY_MS) * DAY_MS, tenantId, platformMix: mix };
}

const byTime = (a: Timed, b: Timed) => a.t - b.t || a.g - b.g || a.o - b.o;

export class Simulation {
  readonly start: number;
  readonly end: number;
  readonly days: number;
  private readonly seed: number;
  private readonly groups: GroupSim[] = [];
  private readonly spammers: SpammerPool;
  private readonly bridges: Bridges;
  private dayIndex = 0;

  constructor(options: SimulateOptions) {
    const o = check(options);
    this.seed = o.seed;
    this.days = o.days;
    this.start = o.start;
    this.end = o.start + o.days * DAY_MS;
    const tenant = new Rng(o.seed, 0x7e4a47);
    let counter = 0;
    const salt = mix32(o.seed ^ 0x5bd1e995);
    // A bijective mix of a counter: ids look opaque yet can never collide.
    const newMemberId = () => `u${mix32((counter++ ^ salt) >>> 0).toString(36).padStart(7, '0')}`;

    const spammerCount = Math.max(3, Math.ceil(o.groups / 15));
    const ids: string[] = [];
    const ads: number[][] = [];
    for (let i = 0; i < spammerCount; i++) {
      ids.push(newMemberId());
      const first = tenant.int(0, AD_TEXTS.length - 1);
      ads.push([first, (first + tenant.int(1, AD_TEXTS.length - 1)) % AD_TEXTS.length]);
    }
    this.spammers = { ids, ads };

    const platforms = PLATFORMS.filter((p) => o.platformMix[p] > 0);
    const weights = platforms.map((p) => o.platformMix[p]);
    const serials = new Map<string, number>();
    for (let g = 0; g < o.groups; g++) {
      const rng = new Rng(o.seed, 1, g);
      const platform = platforms[rng.weighted(weights)]!;
      const plan = planGroup(archetypeFor(g), rng, o.days);
      const key = `${platform}/${plan.purpose}`;
      const serial = (serials.get(key) ?? 0) + 1;
      serials.set(key, serial);
      this.groups.push(new GroupSim({
        index: g, tenantId: o.tenantId, platform,
        groupId: `grp-${String(g + 1).padStart(4, '0')}`,
        name: groupName(platform, plan.purpose, serial, rng.int(0, 4)),
        tzHours: rng.pick(TZ_OFFSETS[platform]), plan, rng, spammers: this.spammers, newMemberId,
      }));
    }
    // Bridges join once the groups have a month of history (never in runs too short for that).
    this.bridges = new Bridges(o.seed, this.groups, o.days > 42 ? 28 : -1, Math.max(1, Math.floor(o.groups / 10)));
  }

  /** Whether every day has been produced. */
  get done(): boolean {
    return this.dayIndex >= this.days;
  }

  /** The next day's events across all groups, ordered by occurredAt; null after the last day. */
  nextDay(): ChatEventInput[] | null {
    if (this.done) return null;
    const t = this.dayIndex++;
    const dayStart = this.start + t * DAY_MS;
    const timed: Timed[] = [];
    for (const g of this.groups) g.day(t, dayStart, timed);
    this.bridges.apply(t, dayStart, timed);
    timed.sort(byTime);
    const out = new Array<ChatEventInput>(timed.length);
    for (let i = 0; i < timed.length; i++) out[i] = timed[i]!.e;
    return out;
  }

  /** Every remaining day, one array per day. */
  *eachDay(): Generator<ChatEventInput[]> {
    for (let day = this.nextDay(); day; day = this.nextDay()) yield day;
  }

  /** The ground truth; complete once every day has been produced. */
  truth(): GroundTruth {
    if (!this.done) throw new Error('the ground truth is known only after the last day has been simulated');
    return {
      seed: this.seed, start: this.start, end: this.end,
      groups: this.groups.map((g) => g.finish(this.end)),
      spammers: [...this.spammers.ids],
      bridges: this.bridges.members,
    };
  }
}

/** Simulates the whole period in memory. For big sizes iterate `new Simulation(opts).eachDay()` instead. */
export function simulate(opts: SimulateOptions): { events: ChatEventInput[]; truth: GroundTruth } {
  const sim = new Simulation(opts);
  const events: ChatEventInput[] = [];
  for (const day of sim.eachDay()) for (const e of day) events.push(e);
  return { events, truth: sim.truth() };
}

// A tenant of chat groups simulated member by member, day by day, as the daily activity rows the
// health rules read: every member speaks on a day with their own probability (a few regulars, many
// occasional speakers, lurkers), and every speaker posts a few messages. On the days of a dip the
// probabilities shrink, so messages fall by the dip while active members fall less — as on a
// holiday, when regulars still drop in and occasional speakers vanish.
import { dayKey, DAY_MS, emptyDay, type ActivityDay, type DepartedKol, type GroupHealthInput } from '@qunpulse/health';

/** The tenant is the same on every run: the project's seeded PRNG. */
export { seededRandom as seeded } from '@qunpulse/graph';

export interface SimGroupPlan {
  groupId: string;
  members: number;
  /** Activity multiplier of a day (1 = ordinary); applied to every member's chance to speak. */
  activity: (day: string) => number;
  /** A key member who leaves on this day, taking their share of the conversation with them. */
  kolLeavesOn?: string;
  /** A key member who stays but does not speak on these days. */
  kolQuietOn?: (day: string) => boolean;
}

export interface SimGroup {
  plan: SimGroupPlan;
  createdAt: number;
  days: ActivityDay[];
  /** Epoch ms of each day's last human message (days without one are absent). */
  lastMessageOn: Map<string, number>;
  /** Share of all human messages posted by member 0, the group's key member. */
  kolShare: number;
  /** Per day, members who spoke on at least 3 of the 28 days ending on it: the group's core. */
  coreMembers: number[];
}

const WEEKEND = new Set([0, 6]);

/** Simulates one group from `from` to `to` (inclusive days). */
export function simulateGroup(plan: SimGroupPlan, from: string, to: string, rand: () => number, createdAt: number): SimGroup {
  // Chance to speak on an ordinary day: heavy-tailed, so a handful of regulars carry the talk.
  const p = Array.from({ length: plan.members }, () => Math.min(0.85, 0.7 * rand() ** 3));
  p[0] = 0.85;
  const replyRate = 0.3 + 0.3 * rand();
  const spokeOn: number[][] = p.map(() => []);
  const messagesBy = new Array<number>(plan.members).fill(0);
  const days: ActivityDay[] = [];
  const lastMessageOn = new Map<string, number>();
  const coreMembers: number[] = [];
  /** Per member, the first of their speaking days inside the last 28. */
  const head = new Array<number>(plan.members).fill(0);
  let members = plan.members;
  let kolGone = false;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = start, i = 0; t <= end; t += DAY_MS, i++) {
    const day = dayKey(t);
    if (day === plan.kolLeavesOn) { kolGone = true; members -= 1; }
    const factor = plan.activity(day) * (WEEKEND.has(new Date(t).getUTCDay()) ? 0.85 : 1);
    let human = 0, speakers = 0;
    for (let m = 0; m < plan.members; m++) {
      if (m === 0 && (kolGone || plan.kolQuietOn?.(day))) continue;
      if (rand() >= p[m]! * factor) continue;
      const n = 1 + Math.floor(-Math.log(1 - rand()) * 2.5);
      human += n;
      messagesBy[m]! += n;
      speakers += 1;
      spokeOn[m]!.push(i);
    }
    const distinct = (window: number) => spokeOn.filter((s) => s.length && s[s.length - 1]! > i - window).length;
    const joins = rand() < 0.3 ? 1 : 0;
    const leaves = rand() < 0.2 ? 1 : 0;
    members += joins - leaves;
    days.push({
      ...emptyDay(day), members, humanMessages: human, speakers, active7d: distinct(7), active28d: distinct(28),
      contentProducers: Math.round(speakers * 0.4), replyRate: human ? replyRate : 0,
      newcomers: joins, newcomersWelcomed: joins, joins, leaves, systemMessages: joins,
    });
    if (human > 0) lastMessageOn.set(day, t + 20 * 3_600_000);
    let core = 0;
    for (let m = 0; m < plan.members; m++) {
      const s = spokeOn[m]!;
      while (head[m]! < s.length && s[head[m]!]! <= i - 28) head[m]! += 1;
      if (s.length - head[m]! >= 3) core += 1;
    }
    coreMembers.push(core);
  }
  const total = messagesBy.reduce((a, b) => a + b, 0);
  return { plan, createdAt, days, lastMessageOn, kolShare: total ? messagesBy[0]! / total : 0, coreMembers };
}

/** The group's health input as of the end of `day`: only what was known then. */
export function inputAsOf(g: SimGroup, day: string): GroupHealthInput {
  const asOf = Date.parse(`${day}T23:59:00Z`);
  const days = g.days.filter((d) => d.day <= day);
  let last: number | null = null;
  for (const d of days) last = g.lastMessageOn.get(d.day) ?? last;
  const departed: DepartedKol[] = [];
  if (g.plan.kolLeavesOn && g.plan.kolLeavesOn <= day) {
    departed.push({ memberId: `${g.plan.groupId}-kol`, how: 'left', priorShare: g.kolShare, at: Date.parse(`${g.plan.kolLeavesOn}T09:00:00Z`) });
  }
  const coreMembers = g.coreMembers[days.length - 1]!;
  const recent = days.slice(-7);
  if (g.plan.kolQuietOn && recent.length === 7 && recent.every((d) => g.plan.kolQuietOn!(d.day))) {
    departed.push({ memberId: `${g.plan.groupId}-kol`, how: 'silent', priorShare: g.kolShare, at: Date.parse(`${recent[0]!.day}T00:00:00Z`) - DAY_MS });
  }
  return {
    groupId: g.plan.groupId, asOf, createdAt: g.createdAt, lastHumanMessageAt: last, days,
    structure: { coreMembers, topSpeakerShare: g.kolShare, departedKols: departed },
  };
}

// Builds daily series for tests and examples: a group's days as plain data, ending on as-of.
import type { ActivityDay, GroupHealthInput } from './types.js';
import { DAY_MS, dayKey, emptyDay } from './windows.js';

export const AS_OF = Date.UTC(2026, 5, 30, 23, 59);

/** `days` days ending on AS_OF; `fill(i)` gives day i's values (i = 0 is the oldest). */
export function series(days: number, fill: (i: number, fromEnd: number) => Partial<ActivityDay>): ActivityDay[] {
  const out: ActivityDay[] = [];
  for (let i = 0; i < days; i++) {
    const fromEnd = days - 1 - i;
    out.push({ ...emptyDay(dayKey(AS_OF - fromEnd * DAY_MS)), ...fill(i, fromEnd) });
  }
  return out;
}

/** A steady group of 100 members, 60 days old: 30 human messages and 10 speakers a day, 25 active a week. */
export function steadyGroup(overrides: Partial<GroupHealthInput> = {}, day: (fromEnd: number) => Partial<ActivityDay> = () => ({})): GroupHealthInput {
  return {
    groupId: 'g',
    asOf: AS_OF,
    createdAt: AS_OF - 60 * DAY_MS,
    lastHumanMessageAt: AS_OF - 3_600_000,
    days: series(42, (_i, fromEnd) => ({
      members: 100, humanMessages: 30, speakers: 10, active7d: 25, active28d: 40, replyRate: 0.3, contentProducers: 4,
      ...day(fromEnd),
    })),
    structure: { coreMembers: 6, topSpeakerShare: 0.2, departedKols: [] },
    ...overrides,
  };
}

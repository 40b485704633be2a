// Builds daily series for tests and examples: a group's days as plain data, ending on as-of.
import type { ActivityDay, GroupHealthInput } from './types.js';
import { DAY_MS, dayKey, emptyDay } from './windows.js';

export const AS_OF = Date.UTC(2026, 5, 30, 23, 59);

/** `days` days ending on `end` (AS_OF by default); `fill(i)` gives day i's values (i = 0 is the oldest). */
export function series(days: number, fill: (i: number, fromEnd: number) => Partial<ActivityDay>, end = AS_OF): ActivityDay[] {
  const out: ActivityDay[] = [];
  for (let i = 0; i < days; i++) {
    const fromEnd = days - 1 - i;
    out.push({ ...emptyDay(dayKey(end - fromEnd * DAY_MS)), ...fill(i, fromEnd) });
  }
  return out;
}

/**
 * A steady group of 100 members, 60 days old: 30 human messages and 10 speakers a day, 25 active a
 * week; as of AS_OF unless `overrides.asOf` says otherwise.
 */
export function steadyGroup(overrides: Partial<GroupHealthInput> = {}, day: (fromEnd: number) => Partial<ActivityDay> = () => ({})): GroupHealthInput {
  const asOf = overrides.asOf ?? AS_OF;
  return {
    groupId: 'g',
    asOf,
    createdAt: asOf - 60 * DAY_MS,
    lastHumanMessageAt: asOf - 3_600_000,
    days: series(42, (_i, fromEnd) => ({
      members: 100, humanMessages: 30, speakers: 10, active7d: 25, active28d: 40, replyRate: 0.3, contentProducers: 4,
      ...day(fromEnd),
    }), asOf),
    structure: { coreMembers: 6, topSpeakerShare: 0.2, departedKols: [] },
    ...overrides,
  };
}

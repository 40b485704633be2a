// Response-time service level of support and sales groups: how long members wait for a staff
// reply, counted in work hours. CHAOSS calls it time to first response; Chinese group-management
// tools measure it the same way and ignore acknowledgements ("谢谢", "好的", "OK", "👍").
import type { HolidayCalendar } from './calendar.js';
import { workMillisBetween, type WorkWeek } from './work-hours.js';

/**
 * Acknowledgements: a message made only of these (with punctuation, spaces and repeats) neither
 * asks nor answers anything. Words that can answer a question ("可以", "没问题", "yes") are left out:
 * "能开专票吗" answered "可以" was answered.
 */
export const DEFAULT_ACKNOWLEDGEMENTS: readonly string[] = [
  '谢谢', '多谢', '感谢', '谢了', '谢啦', '好的', '好', '好滴', '好嘞', '收到', '嗯', '嗯嗯', '哦', '哦哦', '了解', '明白', '知道了', 'ok',
  '辛苦了', '辛苦', '赞', '👍', '👌', '🙏', '😊', '🙂', '👏', '❤️', '❤',
  'thanks', 'thank you', 'thx', 'ty', 'okay', 'k', 'got it', 'noted', 'cool', 'great', 'nice', 'np', 'cheers',
];

/** Message kinds that carry no question or answer: a sticker is a nod, not a reply. */
const ACK_KINDS = new Set(['sticker']);

// Spaces, punctuation and symbol modifiers (skin tones, variation selectors); emoji stay.
const IGNORED = /[\s\p{P}\p{Sm}\p{Sc}\p{Sk}\uFE0F\u200D]/gu;

function normalise(text: string): string {
  return text.toLowerCase().replace(IGNORED, '');
}

/** A matcher built once per word list: longest words first, so "好的" is not read as "好" + "的". */
export function acknowledgementMatcher(words: readonly string[]): (text: string) => boolean {
  const list = [...new Set(words.map(normalise).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  return (text: string) => {
    const t = normalise(text);
    if (t.length === 0) return false;
    // Strip known words from the front; what is left over is content.
    const memo = new Map<number, boolean>();
    const covers = (i: number): boolean => {
      if (i === t.length) return true;
      const known = memo.get(i);
      if (known !== undefined) return known;
      const ok = list.some((w) => t.startsWith(w, i) && covers(i + w.length));
      memo.set(i, ok);
      return ok;
    };
    return covers(0);
  };
}

export interface SlaMessage {
  eventId: string;
  memberId: string;
  at: number;
  /** Empty when the platform or the tenant's privacy settings kept no text. */
  text: string;
  kind: string;
}

export interface SlaRules {
  week: WorkWeek;
  timeZone: string;
  calendar: HolidayCalendar;
  isAcknowledgement: (text: string) => boolean;
}

/** One member waiting for staff: from the first message nobody on staff has answered yet. */
export interface Wait {
  eventId: string;
  memberId: string;
  askedAt: number;
  /** The first staff message after it, or null while nobody on staff has answered. */
  answeredAt: number | null;
  staffId: string | null;
  /** Work-hour minutes waited: until the answer, or until as-of while unanswered. */
  workMinutes: number;
}

export function isAcknowledgementMessage(m: SlaMessage, rules: SlaRules): boolean {
  return ACK_KINDS.has(m.kind) || rules.isAcknowledgement(m.text);
}

/**
 * The waits of one group's messages (any order; the group's human messages only). A member
 * message that is not an acknowledgement opens a wait unless one is open already (a follow-up adds
 * nothing); the first staff message that is not an acknowledgement closes it. Bots neither ask nor
 * answer. Any member message counts, not only those with a question mark: "在吗" and "求报价" wait
 * for an answer too.
 */
export function measureWaits(messages: readonly SlaMessage[], staff: ReadonlySet<string>, bots: ReadonlySet<string>, asOf: number, rules: SlaRules): Wait[] {
  const sorted = [...messages].filter((m) => m.at <= asOf).sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  const waits: Wait[] = [];
  let open: Wait | null = null;
  const minutes = (from: number, to: number) => workMillisBetween(from, to, rules.week, rules.timeZone, rules.calendar) / 60_000;
  for (const m of sorted) {
    if (bots.has(m.memberId) || isAcknowledgementMessage(m, rules)) continue;
    if (staff.has(m.memberId)) {
      if (open) {
        open.answeredAt = m.at;
        open.staffId = m.memberId;
        open.workMinutes = minutes(open.askedAt, m.at);
        open = null;
      }
    } else if (!open) {
      open = { eventId: m.eventId, memberId: m.memberId, askedAt: m.at, answeredAt: null, staffId: null, workMinutes: 0 };
      waits.push(open);
    }
  }
  if (open) open.workMinutes = minutes(open.askedAt, asOf);
  return waits;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export interface SlaSummary {
  /** Waits begun in the window. */
  questions: number;
  answered: number;
  /** Answered within the target. */
  withinTarget: number;
  /** Still unanswered and already past the target. */
  overdue: number;
  /** withinTarget / (answered + overdue); null when nothing can be judged yet. */
  withinShare: number | null;
  p50Minutes: number | null;
  p90Minutes: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The service level of a set of waits against a target in work minutes. */
export function summarizeWaits(waits: readonly Wait[], targetMinutes: number): SlaSummary {
  const answered = waits.filter((w) => w.answeredAt !== null);
  const times = answered.map((w) => w.workMinutes).sort((a, b) => a - b);
  const withinTarget = answered.filter((w) => w.workMinutes <= targetMinutes).length;
  const overdue = waits.filter((w) => w.answeredAt === null && w.workMinutes > targetMinutes).length;
  const judged = answered.length + overdue;
  const p50 = percentile(times, 0.5);
  const p90 = percentile(times, 0.9);
  return {
    questions: waits.length, answered: answered.length, withinTarget, overdue,
    withinShare: judged > 0 ? round2(withinTarget / judged) : null,
    p50Minutes: p50 === null ? null : round2(p50), p90Minutes: p90 === null ? null : round2(p90),
  };
}

/** Each staff member's answers, summarised the same way (overdue waits belong to nobody). */
export function summarizeByStaff(waits: readonly Wait[], targetMinutes: number): Map<string, SlaSummary> {
  const by = new Map<string, Wait[]>();
  for (const w of waits) {
    if (w.staffId === null) continue;
    const list = by.get(w.staffId) ?? [];
    list.push(w);
    by.set(w.staffId, list);
  }
  return new Map([...by].map(([id, list]) => [id, summarizeWaits(list, targetMinutes)]));
}

/** Enough waits were answered or overdue to say whether the group keeps its service level. */
export function slaJudged(s: SlaSummary, minJudged: number): boolean {
  return s.withinShare !== null && s.answered + s.overdue >= minJudged;
}

/** A group breaks its service level when enough waits were judged and too few were answered in time. */
export function slaBreached(s: SlaSummary, breachBelowShare: number, minJudged: number): boolean {
  return slaJudged(s, minJudged) && s.withinShare! < breachBelowShare;
}

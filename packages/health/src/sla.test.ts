// Response times with known answers: work hours, holidays, acknowledgements, percentiles.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, parseHolidayCalendar } from './calendar.js';
import { dayStart } from './local-days.js';
import {
  acknowledgementMatcher, DEFAULT_ACKNOWLEDGEMENTS, measureWaits, percentile, slaBreached, summarizeByStaff, summarizeWaits,
  type SlaMessage, type SlaRules,
} from './sla.js';
import { DEFAULT_WORK_WEEK, workMillisBetween } from './work-hours.js';

const TZ = 'Asia/Shanghai';
const at = (day: string, hhmm: string) => dayStart(day, TZ) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;
const minutes = (from: number, to: number, calendar = DEFAULT_CALENDAR) => workMillisBetween(from, to, DEFAULT_WORK_WEEK, TZ, calendar) / 60_000;
const rules: SlaRules = { week: DEFAULT_WORK_WEEK, timeZone: TZ, calendar: DEFAULT_CALENDAR, isAcknowledgement: acknowledgementMatcher(DEFAULT_ACKNOWLEDGEMENTS) };
const STAFF = new Set(['agent-1', 'agent-2']);
const NO_BOTS = new Set<string>();
let n = 0;
const msg = (memberId: string, time: number, text: string, kind = 'text'): SlaMessage => ({ eventId: `e${String(++n).padStart(4, '0')}`, memberId, at: time, text, kind });

describe('work-hour minutes (Mon–Fri 09:00–18:00, Asia/Shanghai)', () => {
  it('a question at 17:50 answered at 09:10 the next work day waited 20 minutes', () => {
    // 2026-03-10 is a Tuesday.
    expect(minutes(at('2026-03-10', '17:50'), at('2026-03-11', '09:10'))).toBe(20);
  });
  it('a Friday-evening question answered on Monday skips the weekend', () => {
    expect(minutes(at('2026-03-13', '17:30'), at('2026-03-16', '09:15'))).toBe(45);
  });
  it('a question asked at night counts from the next work-hour start', () => {
    expect(minutes(at('2026-03-10', '22:00'), at('2026-03-11', '09:30'))).toBe(30);
    expect(minutes(at('2026-03-14', '11:00'), at('2026-03-14', '15:00'))).toBe(0);
  });
  it('skips the tenant\'s holidays', () => {
    // National Day week 2026-10-01..07 is built in; the 8th is a Thursday.
    expect(minutes(at('2026-09-30', '17:00'), at('2026-10-08', '10:00'))).toBe(120);
    const own = parseHolidayCalendar({ builtIn: [], custom: [{ name: 'retreat', from: '2026-03-11', to: '2026-03-11' }] });
    expect(minutes(at('2026-03-10', '17:50'), at('2026-03-12', '09:10'), own)).toBe(20);
  });
});

describe('acknowledgements', () => {
  const isAck = acknowledgementMatcher(DEFAULT_ACKNOWLEDGEMENTS);
  it('recognises thanks and nods in Chinese, English and emoji, with punctuation and repeats', () => {
    for (const t of ['谢谢', '谢谢!', '好的', '好的,谢谢~', '收到', 'OK', 'ok!!', 'Thanks', 'thank you :)', '👍', '👍🏻👍', '嗯嗯 好的']) expect(isAck(t), t).toBe(true);
  });
  it('leaves questions and answers alone', () => {
    for (const t of ['好的价格是多少?', '在吗', '?', 'OK so how do I reset it?', '谢谢,还有一个问题', 'thanks, but it still fails', '可以', 'yes', '']) expect(isAck(t), t).toBe(false);
  });
});

describe('waits for a staff reply', () => {
  it('"谢谢" neither asks nor answers; follow-ups add nothing; the first staff answer closes the wait', () => {
    const waits = measureWaits([
      msg('m1', at('2026-03-10', '17:50'), '发票怎么开?'),
      msg('m1', at('2026-03-10', '17:55'), '在吗'),
      msg('agent-1', at('2026-03-10', '17:58'), '好的'),
      msg('m2', at('2026-03-10', '20:00'), '谢谢'),
      msg('agent-2', at('2026-03-11', '09:10'), '您好,在后台“发票”页申请即可'),
      msg('m1', at('2026-03-11', '09:12'), '谢谢'),
      msg('m1', at('2026-03-11', '09:13'), '👍', 'sticker'),
    ], STAFF, NO_BOTS, at('2026-03-12', '00:00'), rules);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ memberId: 'm1', staffId: 'agent-2', workMinutes: 20, answeredAt: at('2026-03-11', '09:10') });
  });
  it('bots neither ask nor answer; an unanswered wait counts until as-of', () => {
    const waits = measureWaits([
      msg('bot', at('2026-03-10', '10:00'), '每日提醒:请填写日报'),
      msg('m3', at('2026-03-10', '10:00'), '退款多久到账'),
      msg('bot', at('2026-03-10', '10:05'), '已为您转接人工'),
    ], STAFF, new Set(['bot']), at('2026-03-10', '11:30'), rules);
    expect(waits).toEqual([expect.objectContaining({ memberId: 'm3', answeredAt: null, staffId: null, workMinutes: 90 })]);
  });
});

describe('service level of a set of waits', () => {
  const w = (workMinutes: number, staffId: string | null = 'agent-1') => ({ eventId: `w${workMinutes}`, memberId: 'm', askedAt: 0, answeredAt: staffId ? 1 : null, staffId, workMinutes });
  it('p50 and p90 by nearest rank, the share answered in time among the judged, overdue open waits count as misses', () => {
    const waits = [w(5), w(10), w(15), w(20), w(25), w(30), w(35), w(40), w(45), w(120, 'agent-2'), w(10, null), w(60, null)];
    const s = summarizeWaits(waits, 30);
    expect(s).toEqual({ questions: 12, answered: 10, withinTarget: 6, overdue: 1, withinShare: 0.55, p50Minutes: 25, p90Minutes: 45 });
    expect(slaBreached(s, 0.8, 5)).toBe(true);
    expect(slaBreached(s, 0.5, 5)).toBe(false);
    expect(slaBreached(s, 0.8, 20)).toBe(false);
    const staff = summarizeByStaff(waits, 30);
    expect(staff.get('agent-2')).toMatchObject({ answered: 1, withinTarget: 0, withinShare: 0, p50Minutes: 120 });
    expect(staff.get('agent-1')).toMatchObject({ answered: 9, withinTarget: 6, p90Minutes: 45 });
    expect(percentile([], 0.5)).toBeNull();
  });
});

// `qunpulse tenant`: settings written through the command are read back by the worker's readers,
// and a bad calendar file is refused naming the field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACKNOWLEDGEMENTS } from '@qunpulse/health';
import { runCliInProcess as runCli } from './support/cli-in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-tenant-'));

describe('qunpulse tenant', () => {
  beforeAll(() => { process.env.QUNPULSE_DATA_DIR = path.join(dir, 'data'); });

  it('sets and prints the time zone, staff, bots and holidays', async () => {
    const calendar = path.join(dir, 'calendar.json');
    writeFileSync(calendar, JSON.stringify({ builtIn: ['spring_festival'], custom: [{ name: 'company retreat', from: '2026-05-04', to: '2026-05-08' }] }));
    const set = await runCli(['tenant', 'acme', '--time-zone', 'Asia/Shanghai', '--staff', 'ops-li,ops-wang', '--bot', 'notifier', '--calendar', calendar]);
    expect(set.code, set.err).toBe(0);
    const unlisted = await runCli(['tenant', 'acme', '--unlist', 'ops-wang']);
    expect(unlisted.code, unlisted.err).toBe(0);
    expect(unlisted.out).toBe([
      'tenant\tacme', 'time zone\tAsia/Shanghai', 'staff\tops-li', 'bots\tnotifier',
      'holidays\tspring_festival, company retreat 2026-05-04..2026-05-08',
      `response sla\ttarget 30 min; work hours mon 09:00-18:00, tue 09:00-18:00, wed 09:00-18:00, thu 09:00-18:00, fri 09:00-18:00; purposes support,sales; groups -; excluded -; breaks below 80% of 5+ waits; ${DEFAULT_ACKNOWLEDGEMENTS.length} acknowledgement words`,
      '',
    ].join('\n'));
  });

  it('sets the response-time settings and refuses an invalid field, naming it, storing nothing', async () => {
    const sla = path.join(dir, 'sla.json');
    writeFileSync(sla, JSON.stringify({ targetMinutes: 15, purposes: ['support'], groups: ['vip-1'], workHours: { mon: ['09:00-12:00', '13:00-18:00'], sat: ['10:00-14:00'] }, acknowledgements: ['谢谢', 'ok'] }));
    const set = await runCli(['tenant', 'gamma', '--sla', sla]);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('response sla\ttarget 15 min; work hours mon 09:00-12:00+13:00-18:00, sat 10:00-14:00; purposes support; groups vip-1; excluded -; breaks below 80% of 5+ waits; 2 acknowledgement words\n');
    const bad = path.join(dir, 'bad-sla.json');
    writeFileSync(bad, JSON.stringify({ targetMinutes: 15, workHours: { mon: ['18:00-09:00'] }, purposes: ['helpdesk'] }));
    const refused = await runCli(['tenant', 'gamma', '--sla', bad, '--staff', 'agent-1']);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/workHours\.mon\.0: must end after it starts/);
    expect(refused.err).toMatch(/purposes\.0: must be one of sales, networking/);
    const shown = await runCli(['tenant', 'gamma']);
    expect(shown.out).toContain('staff\t-\n');
    expect(shown.out).toContain('response sla\ttarget 15 min;');
  });

  it('refuses a calendar with an invalid field, naming it, and stores nothing', async () => {
    const calendar = path.join(dir, 'bad.json');
    writeFileSync(calendar, JSON.stringify({ custom: [{ name: 'x', from: '2026-02-30', to: '2026-03-02' }] }));
    const bad = await runCli(['tenant', 'beta', '--calendar', calendar]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/custom\.0\.from: is not a day of the calendar/);
    const shown = await runCli(['tenant', 'beta']);
    expect(shown.out).toContain('holidays\tspring_festival, national_day, new_year, christmas\n');
  });
});

// One person across platforms, known answers: Alice speaks in a WeCom group and a Telegram group
// under two member ids. Her ids share the platform's union id, so qunpulse suggests the link; once
// accepted, the tenant-wide KOL ranking and the tenant retention count her once; undone, twice again.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEventInput } from '@qunpulse/contracts';
import {
  IdentityError, kolStep, linkPersons, listGroups, listPersons, parsePersonLinks, recompute, retentionStep, reviewPerson, suggestLinks,
} from '@qunpulse/analytics-worker';
import { DASHBOARDS, reportScope, runPanel, variablesFor } from '@qunpulse/dashboards';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { loadEvents } from './support/chat-rows.js';
import { cliEnvironment, runCli } from './support/cli-process.js';
import { testWarehouse } from './support/kit.js';

const T = 'idt';
const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2); // a Monday
const AS_OF = START + 27 * DAY + 20 * 3_600_000;
const EMAIL = 'a'.repeat(64);

let n = 0;
type Platform = 'wecom' | 'telegram';
const base = (platform: Platform, groupId: string, at: number) => ({ eventId: `e${++n}`, tenantId: T, platform, groupId, occurredAt: at });

/**
 * A group per platform over four weeks: everyone joins in the first week; each day the hub (Alice's id
 * on that platform) posts and three members reply to her. Alice's ids carry the union id "u-alice";
 * Bob carries the same verified e-mail hash on both platforms; Carol's union id is hers alone.
 */
function community(): ChatEventInput[] {
  const events: ChatEventInput[] = [];
  const sides: { platform: Platform; group: string; hub: string; askers: string[] }[] = [
    { platform: 'wecom', group: 'wx-g', hub: 'wx-alice', askers: ['wx-bob', 'wx-carol', 'wx-dan', 'wx-eve'] },
    { platform: 'telegram', group: 'tg-g', hub: 'tg-alice', askers: ['tg-bob', 'tg-frank', 'tg-gina', 'tg-hal'] },
  ];
  for (const s of sides) {
    events.push({ ...base(s.platform, s.group, START), type: 'group_created', memberId: s.hub, group: { name: s.group, purpose: 'interest' } } as ChatEventInput);
    for (const [i, m] of [s.hub, ...s.askers].entries()) {
      const identity = m.endsWith('alice') ? { unionId: 'u-alice' } : m.endsWith('bob') ? { verifiedEmailHash: EMAIL } : m === 'wx-carol' ? { unionId: 'u-carol' } : undefined;
      events.push({ ...base(s.platform, s.group, START + 3_600_000 + i * 60_000), type: 'member_joined', memberId: m, join: { via: 'link' }, ...(identity ? { identity } : {}) } as ChatEventInput);
    }
    for (let d = 1; d < 28; d++) {
      const at = START + d * DAY + 9 * 3_600_000;
      const post = { ...base(s.platform, s.group, at), type: 'message', memberId: s.hub, message: { kind: 'text' } } as ChatEventInput;
      events.push(post);
      for (let k = 0; k < 3; k++) {
        const member = s.askers[(d + k) % s.askers.length]!;
        events.push({ ...base(s.platform, s.group, at + (k + 1) * 60_000), type: 'message', memberId: member, message: { kind: 'text', replyTo: { eventId: post.eventId, memberId: s.hub } } } as ChatEventInput);
      }
    }
  }
  return events;
}

let wh: Warehouse;
const kolPanel = DASHBOARDS.find((d) => d.uid === 'qunpulse-kols')!.panels.find((p) => p.id === 'kol_ranking')!;
const peoplePanel = DASHBOARDS.find((d) => d.uid === 'qunpulse-retention')!.panels.find((p) => p.id === 'people_retention_by_week')!;

async function tenantView() {
  const scope = await reportScope(wh, { tenant: T });
  const kols = (await runPanel(wh, kolPanel, variablesFor('qunpulse-kols', scope), scope.range)).rows as { member_id: string; platform: string; rank: number }[];
  const people = (await runPanel(wh, peoplePanel, variablesFor('qunpulse-retention', scope), scope.range)).rows as { time: string; members: number }[];
  return { kols, people };
}

beforeAll(async () => {
  wh = await testWarehouse();
  await loadEvents(wh, community());
  await recompute({ warehouse: wh, asOf: AS_OF, groups: await listGroups(wh, T), log: silentLogger() });
});
afterAll(async () => { await wh?.close(); });

describe('identity across platforms', () => {
  it('counts every member id apart while nothing is linked', async () => {
    const { kols, people } = await tenantView();
    expect(kols.filter((k) => k.member_id.endsWith('alice')).map((k) => k.member_id).sort()).toEqual(['tg-alice', 'wx-alice']);
    // Ten member ids joined in the first week, one membership each.
    expect(people).toEqual([expect.objectContaining({ time: '2026-03-02 00:00:00', members: 10 })]);
  });

  it('suggests links only from a shared strong signal', async () => {
    expect(await suggestLinks(wh, T)).toBe(4);
    const suggested = await listPersons(wh, T, 'suggested');
    expect(suggested.map((p) => [p.person, p.source, p.members.map((m) => `${m.platform}:${m.memberId}`).sort()])).toEqual([
      [`email_hash:${EMAIL}`, 'email_hash', ['telegram:tg-bob', 'wecom:wx-bob']],
      ['union_id:u-alice', 'union_id', ['telegram:tg-alice', 'wecom:wx-alice']],
    ]);
    // Suggesting again adds nothing; a suggestion changes no count until it is accepted.
    expect(await suggestLinks(wh, T)).toBe(0);
    expect((await tenantView()).people[0]!.members).toBe(10);
  });

  it('counts a linked person once tenant-wide once the link is accepted', async () => {
    await reviewPerson(wh, T, 'union_id:u-alice', 'accept');
    await reviewPerson(wh, T, `email_hash:${EMAIL}`, 'reject');
    const { kols, people } = await tenantView();
    const alice = kols.filter((k) => k.member_id.includes('alice'));
    expect(alice).toEqual([expect.objectContaining({ member_id: 'union_id:u-alice', platform: 'telegram,wecom', rank: 1 })]);
    expect(kols.map((k) => k.member_id)).not.toContain('wx-alice');
    expect(people[0]!.members).toBe(9);
    // A rejected suggestion is not made again.
    expect(await suggestLinks(wh, T)).toBe(0);
    expect((await listPersons(wh, T, 'rejected')).map((p) => p.person)).toEqual([`email_hash:${EMAIL}`]);
  });

  it('links from a file, refuses a member already linked, and undoes a link', async () => {
    await expect(linkPersons(wh, T, parsePersonLinks({ persons: [{ person: 'crm-1', members: [
      { platform: 'wecom', memberId: 'wx-alice' }, { platform: 'telegram', memberId: 'tg-hal' }] }] }, 'links.json'), 'file'))
      .rejects.toThrow('wecom:wx-alice already belongs to person "union_id:u-alice"; undo that link first');
    expect(await linkPersons(wh, T, parsePersonLinks({ persons: [{ person: 'crm-2', members: [
      { platform: 'wecom', memberId: 'wx-dan' }, { platform: 'telegram', memberId: 'tg-hal' }] }] }, 'links.json'), 'file')).toBe(2);
    expect((await tenantView()).people[0]!.members).toBe(8);

    await reviewPerson(wh, T, 'union_id:u-alice', 'undo');
    await reviewPerson(wh, T, 'crm-2', 'undo');
    const { kols, people } = await tenantView();
    expect(kols.filter((k) => k.member_id.endsWith('alice')).map((k) => k.member_id).sort()).toEqual(['tg-alice', 'wx-alice']);
    expect(people[0]!.members).toBe(10);
    await expect(reviewPerson(wh, T, 'crm-2', 'undo')).rejects.toThrow('person "crm-2": cannot undo, its links are undone (only accepted links can be)');
  });

  it('refuses bad link files naming the field', () => {
    expect(() => parsePersonLinks({ persons: [{ person: 'x', members: [{ platform: 'myspace', memberId: 'a' }] }] }, 'f.json'))
      .toThrow(/persons\.0\.members\.0\.platform: platform must be one of wecom,|persons\.0\.members: members must list at least two/);
    expect(() => parsePersonLinks({ persons: [
      { person: 'x', members: [{ platform: 'qq', memberId: 'a' }, { platform: 'wecom', memberId: 'b' }] },
      { person: 'y', members: [{ platform: 'qq', memberId: 'a' }, { platform: 'slack', memberId: 'c' }] }] }, 'f.json'))
      .toThrow(IdentityError);
  });

  it('writes the tables of the report as CSV files with `qunpulse report --csv`', async () => {
    // The embedded engine belongs to one process: hand the store to the command.
    const store = path.dirname((wh as unknown as { path: string }).path);
    await wh.close();
    const out = mkdtempSync(path.join(tmpdir(), 'qunpulse-csv-'));
    const printed = await runCli(cliEnvironment({ QUNPULSE_DATA_DIR: store }), ['report', '--csv', out, '--tenant', T]);
    expect(printed).toMatch(/^CSV report \(\d+ tables, tenant idt\)/);
    expect(readdirSync(out)).toContain('people_retention_by_week.csv');
    const people = readFileSync(path.join(out, 'people_retention_by_week.csv'), 'utf8');
    expect(people.startsWith('\uFEFFtime,members,d1,d7,d30\r\n2026-03-02 00:00:00,10,')).toBe(true);
    expect(readFileSync(path.join(out, 'kol_ranking.csv'), 'utf8')).toMatch(/\r\n1,(wx|tg)-alice,(wecom|telegram),1,/);
  });
});

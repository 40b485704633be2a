// A tenant's person links (table identity_links): given links are accepted at once; suggestions
// wait for review (accepted or rejected); an accepted person can be undone. Each change writes a
// later row, so the history stays and the latest state is what tenant-wide numbers read.
import type { Warehouse } from '@qunpulse/warehouse';
import { IdentityError, type PersonLinks } from './schema.js';

export const LINK_STATES = ['suggested', 'accepted', 'rejected', 'undone'] as const;
export type LinkState = (typeof LINK_STATES)[number];

export interface LinkRow {
  tenant_id: string;
  person_id: string;
  platform: string;
  member_id: string;
  state: LinkState;
  source: string;
  updated_at: string;
}

export interface Person {
  person: string;
  state: LinkState;
  source: string;
  members: { platform: string; memberId: string }[];
  updatedAt: string;
}

let lastStamp = 0;
/** Strictly increasing: two writes within one millisecond must still order. */
export function linkStamp(now: number): string {
  lastStamp = Math.max(now, lastStamp + 1);
  return new Date(lastStamp).toISOString().replace('T', ' ').replace('Z', '');
}

/** The latest row of every (person, member) of a tenant, optionally of one person. */
export async function currentLinks(wh: Warehouse, tenant: string, person?: string): Promise<LinkRow[]> {
  return wh.query<LinkRow>(
    `SELECT tenant_id, person_id, platform, member_id, state, source, toString(updated_at) AS updated_at
     FROM identity_links FINAL
     WHERE tenant_id = {t:String} AND ({p:String} = '' OR person_id = {p:String})
     ORDER BY person_id, platform, member_id`, { t: tenant, p: person ?? '' });
}

/** Persons with their members, one entry per person and state. */
export async function listPersons(wh: Warehouse, tenant: string, state?: LinkState): Promise<Person[]> {
  const out = new Map<string, Person>();
  for (const r of await currentLinks(wh, tenant)) {
    if (state && r.state !== state) continue;
    const key = `${r.person_id}\u0000${r.state}`;
    const p = out.get(key) ?? { person: r.person_id, state: r.state, source: r.source, members: [], updatedAt: r.updated_at };
    p.members.push({ platform: r.platform, memberId: r.member_id });
    if (r.updated_at > p.updatedAt) p.updatedAt = r.updated_at;
    out.set(key, p);
  }
  return [...out.values()];
}

/** Refuses members that already belong to another accepted person: one person per member id. */
async function checkFree(wh: Warehouse, tenant: string, person: string, members: { platform: string; memberId: string }[]): Promise<void> {
  const taken = await wh.query<{ platform: string; member_id: string; person_id: string }>(
    `SELECT platform, member_id, person_id FROM member_persons
     WHERE tenant_id = {t:String} AND person_id != {p:String} AND concat(platform, ':', member_id) IN {keys:Array(String)}`,
    { t: tenant, p: person, keys: members.map((m) => `${m.platform}:${m.memberId}`) });
  if (taken.length) {
    throw new IdentityError(taken.map((x) => `${x.platform}:${x.member_id} already belongs to person ${JSON.stringify(x.person_id)}; undo that link first`).join('; '));
  }
}

/** Links given by the tenant (file or API): accepted as given, added to what each person had. */
export async function linkPersons(wh: Warehouse, tenant: string, links: PersonLinks, source: 'file' | 'api', now = Date.now()): Promise<number> {
  for (const p of links.persons) await checkFree(wh, tenant, p.person, p.members);
  const at = linkStamp(now);
  const rows = links.persons.flatMap((p) => p.members.map((m) => ({
    tenant_id: tenant, person_id: p.person, platform: m.platform, member_id: m.memberId, state: 'accepted', source, updated_at: at,
  })));
  await wh.insert('identity_links', rows);
  return rows.length;
}

export type Review = 'accept' | 'reject' | 'undo';
const FROM: Record<Review, LinkState> = { accept: 'suggested', reject: 'suggested', undo: 'accepted' };
const TO: Record<Review, LinkState> = { accept: 'accepted', reject: 'rejected', undo: 'undone' };

/** Moves a person's links: suggested → accepted or rejected, accepted → undone. */
export async function reviewPerson(wh: Warehouse, tenant: string, person: string, review: Review, now = Date.now()): Promise<Person> {
  const rows = await currentLinks(wh, tenant, person);
  if (rows.length === 0) throw new IdentityError(`person ${JSON.stringify(person)}: no links for this tenant`);
  const movable = rows.filter((r) => r.state === FROM[review]);
  if (movable.length === 0) {
    throw new IdentityError(`person ${JSON.stringify(person)}: cannot ${review}, its links are ${[...new Set(rows.map((r) => r.state))].join(', ')} (only ${FROM[review]} links can be)`);
  }
  if (review === 'accept') await checkFree(wh, tenant, person, movable.map((r) => ({ platform: r.platform, memberId: r.member_id })));
  const at = linkStamp(now);
  const moved = movable.map((r) => ({ ...r, state: TO[review], updated_at: at }));
  await wh.insert('identity_links', moved);
  return {
    person, state: TO[review], source: movable[0]!.source,
    members: moved.map((r) => ({ platform: r.platform, memberId: r.member_id })), updatedAt: at,
  };
}

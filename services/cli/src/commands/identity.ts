// `qunpulse identity`: a tenant's links between member ids on different platforms (one person).
import { readFileSync } from 'node:fs';
import {
  IdentityError, linkPersons, listPersons, LINK_STATES, parsePersonLinks, reviewPerson, suggestLinks, type LinkState, type Person, type Review,
} from '@qunpulse/analytics-worker';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { openRuntime } from '../runtime.js';

const ACTIONS = ['link', 'suggest', 'list', 'accept', 'reject', 'unlink'] as const;
type Action = (typeof ACTIONS)[number];
const REVIEWS: Partial<Record<Action, Review>> = { accept: 'accept', reject: 'reject', unlink: 'undo' };

function readLinksFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--file: cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--file: ${file} is not JSON: ${(err as Error).message}`);
  }
}

const line = (p: Person) => `${p.person}\t${p.state}\t${p.source}\t${p.members.map((m) => `${m.platform}:${m.memberId}`).join(',')}`;

export const identityCommand: Command = {
  name: 'identity',
  summary: 'Link member ids across platforms into one person; review suggested links',
  usage: `Usage: qunpulse identity ACTION --tenant ID [options]

  link --file FILE      links the tenant gives (accepted at once), JSON:
                          {"persons": [{"person": "crm-1001", "members": [
                             {"platform": "wecom", "memberId": "wx-li"}, {"platform": "telegram", "memberId": "tg-li"}]}]}
  suggest               suggest links from strong signals only: member ids sharing the platform's union
                        id or the hash of a verified e-mail or phone (never display names)
  list [--state S]      the tenant's persons (S: ${LINK_STATES.join(', ')})
  accept PERSON         accept a suggested person
  reject PERSON         reject a suggested person (never suggested again)
  unlink PERSON         undo an accepted person: its member ids count apart again

Tenant-wide KOL rankings and tenant retention by person count a linked person once. A member id
belongs to at most one accepted person.`,
  async run(args) {
    const { values, positionals } = parse(args, { tenant: { type: 'string' }, file: { type: 'string' }, state: { type: 'string' } }, true);
    const action = positionals[0] as Action | undefined;
    if (!action || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`name an action: ${ACTIONS.join(', ')}`);
    const tenant = values.tenant;
    if (!tenant) throw new UsageError('--tenant: name the tenant');
    const review = REVIEWS[action];
    const person = positionals[1];
    if (review && (!person || positionals.length > 2)) throw new UsageError(`${action}: name one person`);
    if (!review && positionals.length > 1) throw new UsageError(`${action}: takes no person`);
    if (action === 'link' && !values.file) throw new UsageError('link: --file FILE is required');
    if (values.state !== undefined && !(LINK_STATES as readonly string[]).includes(values.state)) {
      throw new UsageError(`--state must be one of ${LINK_STATES.join(', ')}, got ${JSON.stringify(values.state)}`);
    }
    const links = action === 'link' ? parsePersonLinks(readLinksFile(values.file!), values.file!) : undefined;

    const rt = await openRuntime({ name: 'identity', kafka: false });
    try {
      if (links) {
        const n = await linkPersons(rt.warehouse, tenant, links, 'file');
        process.stdout.write(`linked ${links.persons.length} persons (${n} member ids) for tenant ${tenant}\n`);
      } else if (action === 'suggest') {
        const n = await suggestLinks(rt.warehouse, tenant);
        process.stdout.write(`${n} new suggested links; review them with \`qunpulse identity list --tenant ${tenant} --state suggested\`\n`);
      } else if (review) {
        process.stdout.write(`${line(await reviewPerson(rt.warehouse, tenant, person!, review))}\n`);
      } else {
        for (const p of await listPersons(rt.warehouse, tenant, values.state as LinkState | undefined)) process.stdout.write(`${line(p)}\n`);
      }
      return 0;
    } catch (err) {
      if (!(err instanceof IdentityError)) throw err;
      process.stderr.write(`qunpulse identity: ${err.message}\n`);
      return 1;
    } finally {
      await rt.close();
    }
  },
};

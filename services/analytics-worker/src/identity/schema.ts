// What a tenant sends to link its member ids into persons (the `identity link --file` file and
// the API's body), validated as a whole so every problem names its place.
import { z } from 'zod';
import { PLATFORMS } from '@qunpulse/contracts';

const ref = (what: string) => z.string({ error: `${what} must be a string` }).trim().min(1, `${what} must not be empty`).max(256, `${what} must be at most 256 characters`);

export const personLinkSchema = z.object({
  /** The tenant's own id for the person (e.g. its CRM id). */
  person: ref('person').regex(/^[^:]/, 'person must not start with ":"'),
  members: z.array(z.object({
    platform: z.enum(PLATFORMS, { error: `platform must be one of ${PLATFORMS.join(', ')}` }),
    memberId: ref('memberId'),
  })).min(2, 'members must list at least two member ids (one id alone links nothing)'),
});

export const personLinksSchema = z.object({ persons: z.array(personLinkSchema).min(1, 'persons must list at least one person') })
  .superRefine((file, ctx) => {
    const owner = new Map<string, string>();
    const persons = new Set<string>();
    file.persons.forEach((p, i) => {
      if (persons.has(p.person)) ctx.addIssue({ code: 'custom', path: ['persons', i, 'person'], message: `person ${JSON.stringify(p.person)} is listed twice` });
      persons.add(p.person);
      p.members.forEach((m, j) => {
        const key = `${m.platform}:${m.memberId}`;
        const other = owner.get(key);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['persons', i, 'members', j], message: `${key} is already listed for person ${JSON.stringify(other)}` });
        }
        owner.set(key, p.person);
      });
    });
  });

export type PersonLinks = z.output<typeof personLinksSchema>;

export class IdentityError extends Error {}

/** Parses links; the error lists every problem with its path. */
export function parsePersonLinks(input: unknown, source: string): PersonLinks {
  const r = personLinksSchema.safeParse(input);
  if (r.success) return r.data;
  throw new IdentityError(`${source}:\n${r.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
}

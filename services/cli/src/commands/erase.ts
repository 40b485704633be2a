// `qunpulse erase`: a member's right to be forgotten (PIPL, GDPR), from the operator's shell.
import { userInfo } from 'node:os';
import { memberIdSchema } from '@qunpulse/contracts';
import { eraseMember } from '@qunpulse/warehouse';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { openRuntime } from '../runtime.js';

export const eraseCommand: Command = {
  name: 'erase',
  summary: "Erase a member's events and everything derived from them",
  usage: `Usage: qunpulse erase --tenant TENANT --member MEMBER [--by WHO]

Deletes the member's events and every row derived from them (message authors, joins and leaves,
first-seen, KOL snapshots, retention, alerts naming the member), removes the member from other
members' events (replies, mentions, invitations) and from health reasons, and marks the groups for
recompute. The erasure log keeps who asked (--by, default the user running the command), when, and
the member as a hash only; the event store drops the member's events that arrive afterwards.
With embedded ClickHouse, stop \`qunpulse run\` first (it holds the warehouse) or erase through its
HTTP API: DELETE /v1/tenants/TENANT/members/MEMBER with the tenant's token.`,
  async run(args) {
    const { values } = parse(args, { tenant: { type: 'string' }, member: { type: 'string' }, by: { type: 'string' } }, false);
    if (!values.tenant) throw new UsageError('--tenant is required');
    if (!values.member) throw new UsageError('--member is required');
    const member = memberIdSchema.safeParse(values.member);
    if (!member.success) throw new UsageError(`--member: ${member.error.issues[0]!.message}`);
    const requestedBy = values.by ?? `${userInfo().username} (qunpulse erase)`;
    const rt = await openRuntime({ name: 'erase', kafka: false });
    try {
      const r = await eraseMember(rt.warehouse, { tenantId: values.tenant, memberId: member.data, requestedBy, via: 'cli' });
      const tables = Object.entries(r.tables).map(([t, n]) => `${t} ${n.removed}${n.redacted ? ` (+${n.redacted} redacted)` : ''}`).join(', ');
      process.stdout.write(`erased a member of ${r.tenantId}: ${r.removed} rows removed, ${r.redacted} redacted${tables ? ` (${tables})` : ''}; ` +
        `logged as ${r.memberHash.slice(0, 16)}… at ${r.requestedAt}, requested by ${requestedBy}\n`);
      return 0;
    } finally {
      await rt.close();
    }
  },
};

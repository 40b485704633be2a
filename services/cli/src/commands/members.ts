// `qunpulse members`: a group's (or a tenant's) members by segment on the latest judged day, or
// who moved between segments since a day.
import { addDays, type Segment } from '@qunpulse/health';
import { parseSegment, readMemberSegments, readSegmentMoves, table, tenantsOfGroup, TENANT_WIDE } from '@qunpulse/analytics-worker';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parse } from '../args.js';
import { openRuntime } from '../runtime.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_AGO = /^(\d{1,3})d$/;

/** `--since`: a day (YYYY-MM-DD), or Nd for N days before today (UTC). */
export function sinceDay(value: string, today: string): string {
  const ago = DAYS_AGO.exec(value);
  if (ago) return addDays(today, -Number(ago[1]));
  if (DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
  throw new UsageError(`--since must be a day (2026-03-24) or a number of days (7d), got ${JSON.stringify(value)}`);
}

export const membersCommand: Command = {
  name: 'members',
  summary: "List a group's or a tenant's members by segment, or who moved between segments",
  usage: `Usage: qunpulse members (--group ID | --tenant ID) [--tenant ID] [--platform P] [--segment S] [--since DAY|Nd] [--json]

Members as the daily judgement placed them on its latest day: kol, core, regular, newcomer,
lurker, fading, churned, staff or bot (rules: packages/health/README.md).
  --group ID     the group (its tenant is found when only one tenant has a group with this id)
  --tenant ID    the tenant; without --group, its members across all its groups
  --platform P   only this platform's group or members
  --segment S    only members in this segment (with --since: members who moved into it)
  --since DAY    the moves between segments judged on DAY (YYYY-MM-DD) or later, or in the last N
                 days (7d: who moved where this week)
  --json         print rows as JSON`,
  async run(args) {
    const { values } = parse(args, {
      group: { type: 'string' }, tenant: { type: 'string' }, platform: { type: 'string' }, segment: { type: 'string' },
      since: { type: 'string' }, json: { type: 'boolean' },
    }, false);
    if (values.group === undefined && values.tenant === undefined) throw new UsageError('name a group (--group) or a tenant (--tenant)');
    let segment: Segment | undefined;
    try {
      segment = values.segment === undefined ? undefined : parseSegment(values.segment, '--segment');
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const since = values.since === undefined ? undefined : sinceDay(values.since, new Date().toISOString().slice(0, 10));
    const rt = await openRuntime({ name: 'members', kafka: false });
    try {
      let tenantId = values.tenant;
      if (tenantId === undefined) {
        const tenants = await tenantsOfGroup(rt.warehouse, values.group!);
        if (tenants.length === 0) throw new UsageError(`--group: no group ${JSON.stringify(values.group)} in the warehouse`);
        if (tenants.length > 1) throw new UsageError(`--group: ${JSON.stringify(values.group)} exists in tenants ${tenants.join(', ')}; name one with --tenant`);
        tenantId = tenants[0]!;
      }
      const q = { tenantId, groupId: values.group ?? TENANT_WIDE, ...(values.platform ? { platform: values.platform } : {}), ...(segment ? { segment } : {}) };
      const scope = values.group ? `group ${values.group} of ${tenantId}` : `tenant ${tenantId}, all groups`;
      if (since !== undefined) {
        const moves = await readSegmentMoves(rt.warehouse, { ...q, since });
        if (values.json) process.stdout.write(JSON.stringify(moves, null, 2) + '\n');
        else process.stdout.write(`Moves between segments since ${since}, ${scope}: ${moves.length}\n` +
          table(['day', 'member', 'from', 'to'], moves.map((m) => [m.day, m.memberId, m.from || '(new)', m.to])));
        return 0;
      }
      const { day, members } = await readMemberSegments(rt.warehouse, q);
      if (values.json) {
        process.stdout.write(JSON.stringify({ day, members }, null, 2) + '\n');
        return 0;
      }
      if (day === null) {
        process.stderr.write(`qunpulse members: no segments for ${scope} yet (they are judged with each day)\n`);
        return 1;
      }
      process.stdout.write(`Members${segment ? ` in ${segment}` : ''}, ${scope}, on ${day}: ${members.length}\n` + table(
        ['member', 'segment', 'msgs 28d', 'msgs 28d before', 'days spoke 28d', 'last spoke'],
        members.map((m) => [m.memberId, m.segment, String(m.messages28d), String(m.messagesPrior28d), String(m.days28d), m.lastSpokeDay ?? '—']), [2, 3, 4]));
      return 0;
    } finally {
      await rt.close();
    }
  },
};

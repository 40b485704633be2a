// The demo knows what it simulated: this sets the pipeline's verdicts beside the simulation's
// ground truth, so a first-time user sees how far the analytics can be trusted.
import type { GroundTruth, GroupStatus } from '@qunpulse/simulator';

interface ReportedGroup {
  groupId: string;
  status?: unknown;
  kols?: unknown;
}

const STATUSES: GroupStatus[] = ['thriving', 'stable', 'declining', 'dying', 'dead', 'new'];

export function renderAgainstTruth(groups: readonly ReportedGroup[], truth: GroundTruth): string {
  const reported = new Map(groups.map((g) => [g.groupId, g]));
  const counts = new Map<GroupStatus, number>();
  let judged = 0;
  let agree = 0;
  let deadFound = 0;
  let kolGroups = 0;
  let kolHits = 0;
  for (const t of truth.groups) {
    counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
    const g = reported.get(t.groupId);
    if (!g) continue;
    if (typeof g.status === 'string') {
      judged++;
      if (g.status === t.status) agree++;
      if (t.status === 'dead' && g.status === 'dead') deadFound++;
    }
    const top = Array.isArray(g.kols) ? (g.kols as { memberId?: string }[]).slice(0, 3).map((k) => k.memberId) : [];
    if (t.kols.length && top.length) {
      kolGroups++;
      if (top.includes(t.kols[0])) kolHits++;
    }
  }
  const dead = counts.get('dead') ?? 0;
  const lines = [
    `Ground truth of the simulation: ${STATUSES.map((s) => `${s} ${counts.get(s) ?? 0}`).join(', ')}.`,
  ];
  if (judged) lines.push(`Health verdicts match the truth for ${agree} of ${judged} groups; ${deadFound} of ${dead} dead groups were called dead (ads keep their message counts up).`);
  if (kolGroups) lines.push(`The simulated main KOL is among the top 3 KOLs found in ${kolHits} of ${kolGroups} groups that have one.`);
  return lines.join('\n') + '\n';
}

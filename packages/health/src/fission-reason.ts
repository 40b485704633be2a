// How a group's invitations travelled, told where it explains the verdict: a group at risk whose
// invitations never left the founders' circles, or a thriving one whose invitations reach deep.
// Added after the status is decided, so it explains and never moves a verdict (the research that
// links depth to lifetime observed it, it did not test it as a cause).
import { DEEP_INVITATION_DEPTH } from './fission.js';
import type { GroupHealthInput, HealthStatus, Reason } from './types.js';
import { pct } from './windows.js';

/** Invitations needed before their depth says anything. */
export const FISSION_MIN_INVITATIONS = 20;
/** At most this share at depth ≥ 3 is shallow (short-lived WeChat groups: about 1%)… */
export const SHALLOW_DEEP_SHARE = 0.02;
/** …and at least this share is deep (long-lived ones: about 10%). */
export const DEEP_DEEP_SHARE = 0.08;

const AT_RISK: ReadonlySet<HealthStatus> = new Set(['declining', 'dying', 'dead']);

export function fissionReason(status: HealthStatus, input: GroupHealthInput): Reason | null {
  const f = input.fission;
  if (!f || f.deepShare === null || f.invitations < FISSION_MIN_INVITATIONS) return null;
  const evidence = { invitations: f.invitations, deepInvitations: f.deepInvitations, deepShare: f.deepShare, maxDepth: f.maxDepth };
  if (AT_RISK.has(status) && f.deepShare <= SHALLOW_DEEP_SHARE) {
    return {
      code: 'shallow_invitations',
      detail: `Invitations stay in the founders' circles: ${f.deepInvitations} of ${f.invitations} invitations (${pct(f.deepShare)}) reached depth ${DEEP_INVITATION_DEPTH} or more, deepest ${f.maxDepth}; long-lived groups reach about 10%, short-lived ones about 1%.`,
      evidence,
    };
  }
  if (status === 'thriving' && f.deepShare >= DEEP_DEEP_SHARE) {
    return {
      code: 'deep_invitations',
      detail: `Members bring members: ${f.deepInvitations} of ${f.invitations} invitations (${pct(f.deepShare)}) reached depth ${DEEP_INVITATION_DEPTH} or more, deepest ${f.maxDepth}, as in long-lived groups (about 10%).`,
      evidence,
    };
  }
  return null;
}

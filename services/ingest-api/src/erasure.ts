// Erasure over HTTP: DELETE /v1/tenants/{tenant}/members/{member}, for a tenant's own members only.
// The API does not hold the warehouse; `qunpulse run` gives it the function that erases.
import { memberIdSchema } from '@qunpulse/contracts';

export interface ErasureCall {
  tenantId: string;
  memberId: string;
  /** The tenant and which of its tokens asked (a prefix of the token's hash, never the token). */
  requestedBy: string;
}

export type EraseMember = (call: ErasureCall) => Promise<object>;

export const ERASURE_PATH = /^\/v1\/tenants\/([^/]+)\/members\/([^/]+)$/;

export class ErasureRequestError extends Error {}

/** The tenant and member a path names, decoded and checked like the ids events carry. */
export function erasureTarget(match: RegExpExecArray): { tenantId: string; memberId: string } {
  let tenantId: string;
  let memberId: string;
  try {
    tenantId = decodeURIComponent(match[1]!);
    memberId = decodeURIComponent(match[2]!);
  } catch {
    throw new ErasureRequestError('(path): not valid percent-encoding');
  }
  const member = memberIdSchema.safeParse(memberId);
  if (!member.success) throw new ErasureRequestError(`memberId: ${member.error.issues[0]!.message}`);
  return { tenantId, memberId };
}

// Every place the warehouse keeps a member id, in one list: erasure walks it, the event store redacts
// arriving events with it, and a test fails when a table with a member column is missing from it.

export interface MemberTable {
  table: string;
  /** The column holding the member a row belongs to: such rows are the member's and are deleted. */
  owner?: string;
  /** String columns of other members' rows that name the member (who replied, invited, ...): blanked. */
  refs?: readonly string[];
  /** Array(String) columns of other members' rows that list the member: the member is filtered out. */
  arrayRefs?: readonly string[];
  /**
   * Free text that may name the member. `delete`: the row is derived and recomputable (an alert), so a
   * row naming the member goes; `redact`: the row is about a group, so the id is replaced in place.
   */
  text?: { columns: readonly string[]; arrays?: boolean; action: 'delete' | 'redact' };
}

export const MEMBER_TABLES: readonly MemberTable[] = [
  {
    table: 'chat_events', owner: 'member_id',
    refs: ['reply_to_member_id', 'inviter_id', 'leave_by_id', 'reaction_target_member_id', 'group_owner_id'],
    arrayRefs: ['mentions'],
  },
  { table: 'message_authors', owner: 'member_id' },
  { table: 'membership_events', owner: 'member_id', refs: ['inviter_id'] },
  { table: 'member_first_seen', owner: 'member_id' },
  { table: 'member_kol_daily', owner: 'member_id' },
  { table: 'tenant_kol_daily', owner: 'member_id' },
  { table: 'member_retention', owner: 'member_id', refs: ['inviter_id'] },
  // The tenant's own listing of the account as staff or bot: a setting, but it names the member.
  { table: 'tenant_accounts', owner: 'member_id' },
  // Fission: the member's place in the invitation trees; others invited by it, or under it, lose the name.
  { table: 'member_invitations', owner: 'member_id', refs: ['inviter_id', 'root_id'] },
  // Response times per staff account that answered.
  { table: 'staff_sla_daily', owner: 'staff_id' },
  // Segments (kol, core, lurker, …) and moves between them.
  { table: 'member_segment_daily', owner: 'member_id' },
  { table: 'member_segment_transitions', owner: 'member_id' },
  // One person across platforms: the member's identity signals and its links to a person.
  { table: 'member_identity_signals', owner: 'member_id' },
  { table: 'identity_links', owner: 'member_id' },
  { table: 'group_health_daily', text: { columns: ['reason_details', 'reason_evidence'], arrays: true, action: 'redact' } },
  { table: 'alerts', text: { columns: ['title', 'detail', 'action', 'evidence'], action: 'delete' } },
  { table: 'alert_outbox', text: { columns: ['alert'], action: 'delete' } },
];

/** What replaces an erased member's id inside text kept about a group. */
export const ERASED_MEMBER = '(erased member)';

/**
 * Column names that hold member ids by this project's naming. A String column whose name matches
 * must be in MEMBER_TABLES (the coverage test holds every table to it).
 */
export const MEMBER_COLUMN_NAME = /member_id|inviter|owner|leave_by|mentions|author|staff_id|root_id/;

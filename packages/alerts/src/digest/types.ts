// The weekly digest: one message per tenant and tenant-local week (Monday to Sunday).

/** Marks digest entries in the alert outbox (its `rule` column). */
export const DIGEST_RULE = 'weekly_digest';

export interface StatusChange {
  platform: string;
  groupId: string;
  groupName: string;
  from: string;
  to: string;
}

export interface KolChange {
  /** The person (a linked person's id, or the member id). */
  member: string;
  platforms: string[];
  /** Rank this week for a new KOL, last week's rank for a lost one. */
  rank: number;
}

export interface FadingMember {
  platform: string;
  groupId: string;
  groupName: string;
  memberId: string;
  /** Human messages per 14 days before, and in the last 14 days. */
  before: number;
  recent: number;
}

export interface NewcomerRetention {
  /** People who joined the tenant this week (a person linked across platforms once). */
  joined: number;
  /** Of them, still a member of a group they joined and who have spoken there. */
  spoke: number;
}

export interface WeeklyDigest {
  /** `digest:<tenant>:<week start>`: the outbox delivers it once per channel. */
  digestId: string;
  tenantId: string;
  /** Monday and Sunday of the week, tenant-local (YYYY-MM-DD). */
  weekStart: string;
  weekEnd: string;
  statusChanges: StatusChange[];
  newKols: KolChange[];
  lostKols: KolChange[];
  fading: FadingMember[];
  newcomers: NewcomerRetention;
  reportUrl: string;
}

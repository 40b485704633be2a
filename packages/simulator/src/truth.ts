// Ground truth written beside every simulated stream: what each group really is and how it ends,
// so analytics can be scored against it.
import type { GroupPurpose, Platform } from '@qunpulse/contracts';

/** Status of a group at the end of the simulated period. */
export type GroupStatus = 'thriving' | 'stable' | 'declining' | 'dying' | 'dead' | 'new';

export type MemberRole = 'owner' | 'kol' | 'core' | 'regular' | 'lurker' | 'spammer';

export interface GroupTruth {
  tenantId: string;
  platform: Platform;
  groupId: string;
  name: string;
  purpose: GroupPurpose;
  /** Lifecycle archetype that drove the simulation (e.g. `healthy`, `kol_collapse`, `scan_and_die`). */
  archetype: string;
  status: GroupStatus;
  /** Epoch ms of group_created. */
  createdAt: number;
  /**
   * Epoch ms of the last message by a human (not a spammer, not a system notice). For dead groups
   * this is when they went silent; histories cut before it can test early warnings.
   */
  lastHumanMessageAt?: number;
  /** Epoch ms when the group's top KOL left, when that happened. */
  kolDepartedAt?: number;
  /** Members who are the group's KOLs, most central first. */
  kols: string[];
  /** Ad spammers who posted in this group. */
  spammers: string[];
  /** Every member's role in this group. */
  roles: Record<string, MemberRole>;
  /**
   * Why the group ends as it does, as the archetype built it (e.g. `kol_departed`, `ad_spam`,
   * `qr_code_joins_without_threshold`, `red_packets_replace_conversation`); empty for healthy groups.
   */
  reasons: string[];
}

export interface GroundTruth {
  seed: number;
  /** Epoch ms of the first simulated day (00:00 UTC) and the end of the last. */
  start: number;
  end: number;
  groups: GroupTruth[];
  /** Spammers across the tenant (they post in many groups). */
  spammers: string[];
  /** Members who take part in two groups (a KOL or core member of one who also replies in another). */
  bridges: string[];
}

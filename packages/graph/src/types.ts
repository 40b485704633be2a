// Plain inputs and outputs of the graph analytics. Nothing here knows about Kafka or ClickHouse:
// callers turn their rows or events into these records.

export type InteractionKind = 'reply' | 'mention' | 'reaction' | 'invite';

/** One directed interaction: `from` did something that points at `to` (replied to, mentioned, reacted to, invited). */
export interface InteractionRecord {
  kind: InteractionKind;
  from: string;
  to: string;
  /** Epoch milliseconds. */
  at: number;
  /** Group the interaction happened in (needed for the tenant-wide graph and bridges). */
  groupId?: string;
  /** How many identical interactions this record stands for (pre-aggregated input); default 1. */
  count?: number;
}

/** What a member posted in a group (or across the tenant), the input of the spam rule and the Gini. */
export interface MemberActivity {
  memberId: string;
  messages: number;
  /** Messages that look like ads: links, mini-programs, or text repeated verbatim (red packets are not ads). */
  adMessages: number;
  /** Groups of the tenant this member posted in (1 when unknown). */
  groups?: number;
}

export interface KolMetrics {
  /** Sum of decayed, type-weighted interaction received. */
  weightedInDegree: number;
  pagerank: number;
  /** Normalised betweenness on the directed hop graph, exact or sampled (see `betweennessMode`). */
  betweenness: number;
  coreness: number;
  messages: number;
  /** Interactions received (raw count, every type). */
  received: number;
  repliesReceived: number;
}

export interface MemberKol {
  memberId: string;
  metrics: KolMetrics;
  /** Composite KOL score in [0, 1]; 0 for spammers. */
  score: number;
  /** 1 = most central; spammers get rank 0 (never ranked). */
  rank: number;
  isSpammer: boolean;
  /** Not ranked because a known bot, or listed by the tenant as a bot or staff account. */
  excludedAs?: 'bot' | 'listed';
}

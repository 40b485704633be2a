// Every threshold the rules use, in one place, so the README and the code cannot drift apart.
export const THRESHOLDS = {
  /** Younger than this, a group is `new`: too little history to judge. */
  newDays: 14,
  /** No human message for this long: `dead` (ads and system messages do not count). */
  deadSilentDays: 14,
  /** No human message for this long: `dying` (going_silent). */
  dyingSilentDays: 5,
  /** Last 7 days against the prior weekly average: below `collapse` is activity_collapse. */
  collapseRatio: 0.45,
  /** Below `severeCollapse` the group is dying even without a structural signal. */
  severeCollapseRatio: 0.3,
  /** Below `decline` (and above collapse) is activity_declining. */
  declineRatio: 0.75,
  /** At or above this, with active members up too, the group is growing. */
  growingRatio: 1.2,
  /** no_core_members applies to groups with at least this many members. */
  coreMinMembers: 8,
  /** ads_dominate: at least this many ads in 7 days and ads ≥ this share of ads + human messages. */
  adsMin: 5,
  adsShare: 0.5,
  /** red_packet_only: at least this many red packets + replies in 7 days, ≥ this share of all chatter. */
  redPacketMin: 5,
  redPacketShare: 0.5,
  /**
   * staff_monologue: at least this many staff messages in 14 days, and staff wrote at least this
   * share of staff + member messages: staff talking to nobody does not make a group alive.
   */
  staffMin: 10,
  staffShare: 0.8,
  /** newcomers_ignored: at least this many newcomers in 28 days, fewer than this share welcomed. */
  newcomersMin: 4,
  welcomedShare: 0.3,
  /** members_leaving: at least this many leaves in 28 days, more leaves than joins, ≥ this share of members. */
  leavesMin: 3,
  leavesShare: 0.08,
  /** low_retention: at least this many judgeable newcomers, fewer than this share retained at day 7. */
  retentionMinEligible: 8,
  retentionD7: 0.15,
  /**
   * heading_to_silence: the line fitted to the last 28 days reaches zero within this many days,
   * and the last week is already below `declineRatio` of the weeks before.
   */
  projectedSilenceDays: 17,
  /**
   * A departed KOL who held at least this share of the group's interaction turns a decline into
   * dying; below it the group is big enough to carry on without them (declining at most).
   */
  pivotalKolShare: 0.12,
  /**
   * Share of its usual activity a healthy group is expected to keep over a whole week of holidays
   * (proportionally more when fewer of the last 7 days are holidays): the baseline is widened to it.
   */
  holidayExpectedRatio: 0.5,
  /**
   * Over a whole week of holidays the collapse and decline thresholds are lowered by this share
   * (proportionally less for fewer holiday days): groups dip unevenly on holidays (travel, family),
   * so the band around what is expected widens. The severe-collapse threshold does not move.
   */
  holidayBand: 0.25,
  /** The tenant's movement counts only over at least this many groups with a baseline… */
  tenantMinGroups: 5,
  /**
   * …and, when the last 7 days hold no holiday, only when their median last-7-day ratio is below
   * this: most of the tenant's groups dipped together (on holidays any dip of the median counts).
   */
  tenantDipRatio: 0.75,
  /** The calendar and the tenant together never explain more than this much of a fall (a 75% dip at most). */
  minExpectedRatio: 0.25,
  /** A key member merely silent while at least this many of the last 7 days are holidays is away, not gone. */
  holidaySilentKolDays: 4,
  /** Score at or above which a non-declining group is `thriving`. */
  thrivingScore: 70,
} as const;

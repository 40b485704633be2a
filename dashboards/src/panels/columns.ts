// What each column a panel returns is called by the people who read it, and how its numbers are
// written. The SQL keeps its column names (CSV exports and the read API use them); Grafana shows
// these labels as display names and the HTML report as headings, legends and formatted numbers.

export type ColumnFormat =
  /** Words, ids, names. */
  | 'text'
  /** Whole numbers, with thousands separators. */
  | 'count'
  /** A share in [0, 1], written as a percentage. */
  | 'percent'
  /** A score or measure with two decimals. */
  | 'decimal'
  /** A date or date-time, written as its day. */
  | 'day'
  /** 0/1, written as yes / no. */
  | 'flag';

export interface ColumnDef {
  label: string;
  format: ColumnFormat;
}

const c = (label: string, format: ColumnFormat = 'text'): ColumnDef => ({ label, format });

export const COLUMNS: Readonly<Record<string, ColumnDef>> = {
  time: c('Date', 'day'),
  day: c('Day', 'day'),
  alert_day: c('Day', 'day'),
  thriving: c('Thriving', 'count'),
  stable: c('Stable', 'count'),
  declining: c('Declining', 'count'),
  dying: c('Dying', 'count'),
  dead: c('Dead', 'count'),
  new: c('New', 'count'),
  weeks_since_created: c('Weeks since created', 'count'),
  alive_share: c('Still alive', 'percent'),
  tenant_id: c('Tenant'),
  platform: c('Platform'),
  group_id: c('Group id'),
  group_name: c('Group'),
  purpose: c('Purpose'),
  status: c('Status'),
  score: c('Health score (0–100)', 'decimal'),
  growth: c('Growth', 'decimal'),
  retention: c('Retention', 'decimal'),
  activity: c('Activity', 'decimal'),
  structure: c('Structure', 'decimal'),
  members: c('Members', 'count'),
  active_members_7d: c('Active members (7 days)', 'count'),
  messages_7d: c('Messages (7 days)', 'count'),
  reasons: c('Why'),
  rule: c('Alert'),
  severity: c('Severity'),
  title: c('What happened'),
  action: c('Suggested action'),
  delivered: c('Delivered to', 'count'),
  failed_attempts: c('Failed attempts', 'count'),
  held: c('Held in quiet hours', 'count'),
  last_error: c('Last delivery error'),
  hour_of_day: c('Hour'),
  mon: c('Mon', 'percent'),
  tue: c('Tue', 'percent'),
  wed: c('Wed', 'percent'),
  thu: c('Thu', 'percent'),
  fri: c('Fri', 'percent'),
  sat: c('Sat', 'percent'),
  sun: c('Sun', 'percent'),
  human_messages: c('Conversation (human messages)', 'count'),
  ad_messages: c('Ads', 'count'),
  red_packet_messages: c('Red packets', 'count'),
  system_messages: c('System notices', 'count'),
  active_7d: c('Active in 7 days', 'count'),
  speakers: c('Spoke that day', 'count'),
  lurkers: c('Silent members', 'count'),
  joins_invite: c('Joined by invitation', 'count'),
  joins_qr_code: c('Joined by QR code', 'count'),
  joins_link: c('Joined by link', 'count'),
  joins_admin: c('Added by an admin', 'count'),
  joins_unknown: c('Joined, path unknown', 'count'),
  leaves_quit: c('Left', 'count'),
  leaves_removed: c('Removed', 'count'),
  d1: c('Kept after 1 day', 'percent'),
  d7: c('Kept after 7 days', 'percent'),
  d30: c('Kept after 30 days', 'percent'),
  rank: c('Rank', 'count'),
  member_id: c('Member'),
  kol_score: c('KOL score', 'decimal'),
  page_rank: c('Influence (PageRank)', 'decimal'),
  betweenness_centrality: c('Bridging (betweenness)', 'decimal'),
  coreness: c('Core depth (k-core)', 'count'),
  messages: c('Messages', 'count'),
  replies_received: c('Replies received', 'count'),
  is_spammer: c('Spammer', 'flag'),
  survival_without_top1: c('Still connected without the top KOL', 'percent'),
  survival_without_top3: c('Still connected without the top 3 KOLs', 'percent'),
  reciprocity: c('Answered back (reciprocity)', 'percent'),
  replied_share: c('Messages that got a reply', 'percent'),
  message_gini: c('Concentration of talk (Gini)', 'decimal'),
  absence_factor: c('Members holding half the interaction', 'count'),
  kol_count: c('KOLs', 'count'),
  groups: c('Groups', 'count'),
  bridge_groups: c('Groups bridged', 'count'),
  join_via: c('Joined by'),
  days_since_join: c('Days since joining', 'count'),
  still_member: c('Still a member', 'percent'),
  inviter_id: c('Inviter'),
  invited: c('Invited', 'count'),
  churned_share: c('Churned', 'percent'),
  questions: c('Waits for an answer', 'count'),
  answered: c('Answered', 'count'),
  overdue: c('Still waiting, overdue', 'count'),
  answered_in_time: c('Answered in time', 'percent'),
  median_wait_minutes: c('Median wait (work minutes)', 'decimal'),
  p90_wait_minutes: c('Wait for 9 in 10 (work minutes)', 'decimal'),
  target_minutes: c('Target (work minutes)', 'count'),
  service_level: c('Service level'),
  staff_id: c('Staff member'),
  generation: c('Invitation generation', 'count'),
  deep_share: c('Invitations at depth 3 or more', 'percent'),
  viral_coefficient: c('Viral coefficient', 'decimal'),
  retained_day_7: c('Kept after 7 days', 'percent'),
  retained_day_30: c('Kept after 30 days', 'percent'),
  invitations: c('Invitations', 'count'),
  deepest_generation: c('Deepest generation', 'count'),
  trees: c('Invitation trees', 'count'),
  largest_tree: c('Largest tree', 'count'),
  inviter_generation: c("Inviter's generation", 'count'),
  staff_messages: c('Staff messages', 'count'),
  bot_messages: c('Bot messages', 'count'),
  segment: c('Segment'),
  judged_on: c('Day', 'day'),
  moved_from: c('Moved from'),
  moved_to: c('Moved to'),
  kol: c('KOLs', 'count'),
  core: c('Core', 'count'),
  regular: c('Regular', 'count'),
  newcomer: c('Newcomers', 'count'),
  lurker: c('Lurkers', 'count'),
  fading: c('Fading', 'count'),
  churned: c('Churned', 'count'),
  metric: c('Measure'),
  value: c('Value', 'decimal'),
  purpose_peers: c('Groups of the same purpose', 'count'),
  purpose_percentile: c('Percentile among the same purpose (0–100)', 'decimal'),
  all_peers: c('All groups', 'count'),
  all_percentile: c('Percentile among all groups (0–100)', 'decimal'),
  score_percentile: c('Health score percentile', 'decimal'),
  messages_percentile: c('Messages percentile', 'decimal'),
  active_percentile: c('Active members percentile', 'decimal'),
  answered_percentile: c('Answered share percentile', 'decimal'),
};

/**
 * The column's definition: the panel's own (`columnDefs`), else the shared one. A column without
 * one is an error (a unit test checks every panel of the dashboards).
 */
export function columnDef(name: string, panel?: { columnDefs?: Readonly<Record<string, ColumnDef>> }): ColumnDef {
  const def = panel?.columnDefs?.[name] ?? COLUMNS[name];
  if (!def) throw new Error(`column ${name} has no label: add it to dashboards/src/panels/columns.ts, or to the panel's columnDefs`);
  return def;
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A value as the report writes it; empty values stay empty. */
export function formatValue(format: ColumnFormat, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  const n = Number(value);
  switch (format) {
    case 'count': return Number.isFinite(n) ? COUNT.format(n) : String(value);
    case 'decimal': return Number.isFinite(n) ? DECIMAL.format(n) : String(value);
    case 'percent': return Number.isFinite(n) ? `${Math.round(n * 100)}%` : String(value);
    case 'flag': return n === 1 || value === true ? 'yes' : 'no';
    case 'day': return String(value).slice(0, 10);
    case 'text': return String(value);
  }
}

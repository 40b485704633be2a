// The alerter's rules as Grafana alert rules, for teams that alert from Grafana instead. Each query
// returns one row per group (string columns become labels, `value` is compared with 0), using the
// same thresholds as the alerter.
import * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import * as expr from '@grafana/grafana-foundation-sdk/expr';
import { DEFAULT_THRESHOLDS as T, type AlertRule } from '@qunpulse/alerts';
import { ClickHouseQueryBuilder, DATASOURCE } from './defaults.js';

const LATEST = (table: string) => `(SELECT max(day) FROM ${table})`;

/** Sums over the last 7 days and the 28 before them (as a 7-day average), per group. */
const windowed = (cols: string) => `WITH ${LATEST('group_activity_daily')} AS d
SELECT tenant_id, platform, group_id, ${cols}
FROM group_activity_daily FINAL
WHERE day > d - 35
GROUP BY tenant_id, platform, group_id`;

const RULES: { rule: AlertRule; title: string; severity: 'critical' | 'warning'; summary: string; action: string; sql: string }[] = [
  {
    rule: 'group_dying', title: 'Group turned dying', severity: 'critical',
    summary: 'Group {{ $labels.group_id }} ({{ $labels.tenant_id }}/{{ $labels.platform }}) is dying.',
    action: 'Start a regular ritual, ask core members to lead, clear ads and add an entry threshold.',
    sql: `SELECT tenant_id, platform, group_id, toFloat64(status = 'dying') AS value
FROM group_health_daily FINAL WHERE day = ${LATEST('group_health_daily')}`,
  },
  {
    rule: 'group_died', title: 'Group died', severity: 'critical',
    summary: 'Group {{ $labels.group_id }} ({{ $labels.tenant_id }}/{{ $labels.platform }}) has had no real conversation for a week.',
    action: 'Relaunch with a new topic and invitation-only core members, or archive it.',
    sql: `SELECT tenant_id, platform, group_id, toFloat64(status = 'dead') AS value
FROM group_health_daily FINAL WHERE day = ${LATEST('group_health_daily')}`,
  },
  {
    rule: 'kol_departed', title: 'KOL departed', severity: 'warning',
    summary: '{{ $values.A }} of the top ${T.kolTopRank} KOLs of group {{ $labels.group_id }} left in the last 7 days.',
    action: 'Ask the next most central members (Group dashboard, KOL table) to host.',
    sql: `WITH ${LATEST('member_kol_daily')} AS d
SELECT k.tenant_id AS tenant_id, k.platform AS platform, k.group_id AS group_id, toFloat64(count()) AS value
FROM (
  SELECT tenant_id, platform, group_id, member_id, min(kol_rank) AS best_rank
  FROM (
    SELECT tenant_id, platform, group_id, member_id,
      row_number() OVER (PARTITION BY tenant_id, platform, group_id, day ORDER BY score DESC, member_id) AS kol_rank
    FROM member_kol_daily FINAL WHERE day > d - 35 AND is_spammer = 0
  )
  GROUP BY tenant_id, platform, group_id, member_id
) AS k
INNER JOIN (
  SELECT tenant_id, platform, group_id, member_id
  FROM member_retention FINAL WHERE left_at IS NOT NULL AND toDate(left_at) > d - 7
) AS r ON k.tenant_id = r.tenant_id AND k.platform = r.platform AND k.group_id = r.group_id AND k.member_id = r.member_id
WHERE k.best_rank <= ${T.kolTopRank}
GROUP BY tenant_id, platform, group_id`,
  },
  {
    rule: 'churn_spike', title: 'Churn spike', severity: 'warning',
    summary: '{{ $values.A }} members left group {{ $labels.group_id }} in 7 days, at least ${T.churnSpikeRatio}× the usual.',
    action: 'Message recent leavers to learn why and schedule something of value this week.',
    sql: `SELECT tenant_id, platform, group_id, if(l7 >= ${T.churnSpikeMinLeaves} AND l7 >= ${T.churnSpikeRatio} * base, toFloat64(l7), 0) AS value
FROM (${windowed(`sumIf(leaves_quit + leaves_removed + leaves_unknown, day > d - 7) AS l7,
  sumIf(leaves_quit + leaves_removed + leaves_unknown, day <= d - 7) / 4 AS base`)})`,
  },
  {
    rule: 'ad_surge', title: 'Ad surge', severity: 'warning',
    summary: '{{ $values.A }} ad messages in group {{ $labels.group_id }} in 7 days, at least ${Math.round(T.adShare * 100)}% of all messages.',
    action: 'Remove the advertisers and require approval or invitation to join.',
    sql: `SELECT tenant_id, platform, group_id,
  if(a7 >= ${T.adSurgeMinMessages} AND a7 >= ${T.adShare} * (a7 + h7) AND a7 >= ${T.adSurgeRatio} * base, toFloat64(a7), 0) AS value
FROM (${windowed(`sumIf(ad_messages, day > d - 7) AS a7, sumIf(human_messages, day > d - 7) AS h7,
  sumIf(ad_messages, day <= d - 7) / 4 AS base`)})`,
  },
  {
    rule: 'newcomers_ignored', title: 'Newcomers ignored', severity: 'warning',
    summary: '{{ $values.A }} newcomers joined group {{ $labels.group_id }} in 7 days and fewer than ${Math.round(T.newcomersWelcomedShare * 100)}% got a reply.',
    action: 'Assign a welcomer who greets every newcomer within an hour.',
    sql: `SELECT tenant_id, platform, group_id,
  if(n7 >= ${T.newcomersMin} AND w7 < ${T.newcomersWelcomedShare} * n7, toFloat64(n7), 0) AS value
FROM (${windowed('sumIf(newcomers, day > d - 8 AND day < d) AS n7, sumIf(newcomers_welcomed, day > d - 8 AND day < d) AS w7')})`,
  },
];

export const ALERT_FOLDER = 'qunpulse';

function rule(r: (typeof RULES)[number]): alerting.Rule {
  return new alerting.RuleBuilder(r.title)
    .uid(`qunpulse-${r.rule.replaceAll('_', '-')}`)
    .folderUID(ALERT_FOLDER)
    .ruleGroup('qunpulse')
    .condition('B')
    .withQuery(new alerting.QueryBuilder('A')
      .datasourceUid(DATASOURCE.uid!)
      .relativeTimeRange({ from: 35 * 86_400, to: 0 })
      .model(new ClickHouseQueryBuilder(r.sql, 'table', 'A')))
    .withQuery(new alerting.QueryBuilder('B')
      .datasourceUid('__expr__')
      .model(new expr.TypeThresholdBuilder().refId('B').expression('A')
        .conditions([{ evaluator: { type: 'gt', params: [0] } }])))
    .forDuration('0s')
    .noDataState('OK')
    .execErrState('Error')
    .labels({ qunpulse_rule: r.rule, severity: r.severity })
    .annotations({ summary: r.summary, suggested_action: r.action })
    .build();
}

/** Grafana's file-provisioning document for alert rules (apiVersion 1). */
export function grafanaAlertRules() {
  return {
    apiVersion: 1,
    groups: [{
      orgId: 1,
      name: 'qunpulse',
      folder: ALERT_FOLDER,
      interval: '1h',
      rules: RULES.map(rule).map((x) => ({
        uid: x.uid, title: x.title, condition: x.condition, data: x.data, noDataState: x.noDataState,
        execErrState: x.execErrState, for: x.for, labels: x.labels, annotations: x.annotations,
      })),
    }],
  };
}

export const GRAFANA_ALERT_RULES = RULES.map((r) => r.rule);

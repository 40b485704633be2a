// The alerter's rules as Grafana alert rules, for teams that alert from Grafana instead. The rules
// are defined once, in @qunpulse/alerts: Grafana does not restate them in SQL but reads what the
// alerter decided (the `alerts` table), one row per group of the latest judged day, `value` the
// number of alerts of that rule (compared with 0). The alert's severity, detail and suggested
// action come along as labels, so Grafana's notification says what the alerter's would.
import * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import * as expr from '@grafana/grafana-foundation-sdk/expr';
import { ALERT_RULES, ruleTitle, type AlertRule } from '@qunpulse/alerts';
import { ClickHouseQueryBuilder, DATASOURCE } from './defaults.js';

/** Every judged group of the latest day, with the rule's alerts on that day (none: value 0). */
export function alertRuleSql(rule: AlertRule): string {
  return `WITH (SELECT max(day) FROM group_health_daily) AS d
SELECT h.tenant_id AS tenant_id, h.platform AS platform, h.group_id AS group_id,
  any(a.severity) AS severity, any(a.detail) AS detail, any(a.action) AS action,
  toFloat64(countIf(a.alert_id != '')) AS value
FROM (SELECT DISTINCT tenant_id, platform, group_id FROM group_health_daily WHERE day = d) AS h
LEFT JOIN (
  SELECT tenant_id, platform, group_id, alert_id, severity, detail, action FROM alerts FINAL
  WHERE day = d AND rule = '${rule}'
) AS a ON a.tenant_id = h.tenant_id AND a.platform = h.platform AND a.group_id = h.group_id
GROUP BY tenant_id, platform, group_id`;
}

export const ALERT_FOLDER = 'qunpulse';

function rule(r: AlertRule): alerting.Rule {
  return new alerting.RuleBuilder(ruleTitle(r, 'en'))
    .uid(`qunpulse-${r.replaceAll('_', '-')}`)
    .folderUID(ALERT_FOLDER)
    .ruleGroup('qunpulse')
    .condition('B')
    .withQuery(new alerting.QueryBuilder('A')
      .datasourceUid(DATASOURCE.uid!)
      .relativeTimeRange({ from: 35 * 86_400, to: 0 })
      .model(new ClickHouseQueryBuilder(alertRuleSql(r), 'table', 'A')))
    .withQuery(new alerting.QueryBuilder('B')
      .datasourceUid('__expr__')
      .model(new expr.TypeThresholdBuilder().refId('B').expression('A')
        .conditions([{ evaluator: { type: 'gt', params: [0] } }])))
    .forDuration('0s')
    .noDataState('OK')
    .execErrState('Error')
    .labels({ qunpulse_rule: r })
    .annotations({
      summary: `${ruleTitle(r, 'en')} in group {{ $labels.group_id }} ({{ $labels.tenant_id }}/{{ $labels.platform }}): {{ $labels.detail }}`,
      suggested_action: '{{ $labels.action }}',
    })
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
      rules: ALERT_RULES.map(rule).map((x) => ({
        uid: x.uid, title: x.title, condition: x.condition, data: x.data, noDataState: x.noDataState,
        execErrState: x.execErrState, for: x.for, labels: x.labels, annotations: x.annotations,
      })),
    }],
  };
}

// Settings every generated panel shares: the provisioned ClickHouse data source and the query model
// of the official ClickHouse plugin (grafana-clickhouse-datasource), which the SDK has no builder for.
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

/** Matches infra/grafana/provisioning/datasources/clickhouse.yaml. */
export const DATASOURCE: dashboard.DataSourceRef = { type: 'grafana-clickhouse-datasource', uid: 'qunpulse-clickhouse' };

/** The plugin's result formats: time series frames for time panels, tables for the rest. */
export const FORMAT = { timeseries: 0, table: 1 } as const;

export interface ClickHouseQuery extends cog.Dataquery {
  refId: string;
  datasource: dashboard.DataSourceRef;
  editorType: 'sql';
  queryType: 'timeseries' | 'table';
  format: number;
  rawSql: string;
}

export class ClickHouseQueryBuilder implements cog.Builder<ClickHouseQuery> {
  constructor(private readonly sql: string, private readonly kind: 'timeseries' | 'table', private readonly refId = 'A') {}

  build(): ClickHouseQuery {
    return {
      _implementsDataqueryVariant() {},
      refId: this.refId,
      datasource: DATASOURCE,
      editorType: 'sql',
      queryType: this.kind,
      format: FORMAT[this.kind],
      rawSql: this.sql,
    };
  }
}

export const PANEL_HEIGHT = 8;
export const PANEL_WIDTH = 12;

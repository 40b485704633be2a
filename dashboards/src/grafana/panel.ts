// PanelDef → Grafana panel builder, by visualization kind.
import * as barchart from '@grafana/grafana-foundation-sdk/barchart';
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { columnDef } from '../panels/columns.js';
import type { PanelDef } from '../panels/types.js';
import { ClickHouseQueryBuilder, DATASOURCE, PANEL_HEIGHT, PANEL_WIDTH } from './defaults.js';

type KindBuilder = timeseries.PanelBuilder | barchart.PanelBuilder | heatmap.PanelBuilder | table.PanelBuilder;

/** The panel with each column shown under its label (the SQL keeps its column names). */
export function grafanaPanel(p: PanelDef): cog.Builder<dashboard.Panel> {
  const b = panelOfKind(p);
  for (const col of p.columns) b.overrideByName(col, [{ id: 'displayName', value: columnDef(col, p).label }]);
  return b;
}

function panelOfKind(p: PanelDef): KindBuilder {
  const h = p.height ?? PANEL_HEIGHT;
  const w = p.width ?? PANEL_WIDTH;
  const v = p.viz;
  switch (v.kind) {
    case 'timeseries': {
      const b = new timeseries.PanelBuilder()
        .title(p.title).description(p.description).datasource(DATASOURCE).height(h).span(w)
        .withTarget(new ClickHouseQueryBuilder(p.sql, 'timeseries'))
        .unit(v.unit ?? 'short')
        .fillOpacity(v.stacked ? 40 : 10)
        .drawStyle(v.bars ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line)
        .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom));
      if (v.stacked) b.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
      return b;
    }
    case 'bar':
      return new barchart.PanelBuilder()
        .title(p.title).description(p.description).datasource(DATASOURCE).height(h).span(w)
        .withTarget(new ClickHouseQueryBuilder(p.sql, 'table'))
        .xField(v.x)
        .unit(v.unit ?? 'short')
        .legend(new common.VizLegendOptionsBuilder().showLegend(v.series.length > 1).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom));
    case 'heatmap':
      // Rows format: the time column along x and one bucket per numeric column, values as colour.
      return new heatmap.PanelBuilder()
        .title(p.title).description(p.description).datasource(DATASOURCE).height(h).span(w)
        .withTarget(new ClickHouseQueryBuilder(p.sql, 'table'))
        .calculate(false)
        .unit('percentunit')
        .color(new heatmap.HeatmapColorOptionsBuilder().mode(heatmap.HeatmapColorMode.Scheme).scheme('Greens').min(0).max(1))
        .showValue(common.VisibilityMode.Always);
    case 'grid':
      // Grafana's heatmap wants time along x; a table with coloured cells draws a category grid.
      return new table.PanelBuilder()
        .title(p.title).description(p.description).datasource(DATASOURCE).height(h).span(w)
        .withTarget(new ClickHouseQueryBuilder(p.sql, 'table'))
        .unit('percentunit').min(0).max(1)
        .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.ContinuousGreens))
        .cellOptions({ type: common.TableCellDisplayMode.ColorBackground, mode: common.TableCellBackgroundDisplayMode.Gradient });
    case 'table':
      return new table.PanelBuilder()
        .title(p.title).description(p.description).datasource(DATASOURCE).height(h).span(w)
        .withTarget(new ClickHouseQueryBuilder(p.sql, 'table'))
        .filterable(true);
  }
}

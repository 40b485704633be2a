// Panel rows → ECharts options (plain JSON, rendered by ECharts inside the report page).
import { columnDef } from '../panels/columns.js';
import type { PanelDef } from '../panels/types.js';
import type { Row } from './run.js';

export type ChartOption = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
/** ClickHouse DateTime as JSON: 'YYYY-MM-DD hh:mm:ss' in UTC. */
const timeMs = (v: unknown): number => Date.parse(`${String(v).replace(' ', 'T')}Z`);
const dayLabel = (v: unknown) => String(v).slice(0, 10);

/** Formatters cannot travel as JSON; the page swaps these names for functions (see page.ts). */
export const FORMATTERS = { percentAxis: '__qp_pct_axis__', percentCell: '__qp_pct_cell__' } as const;
const pctAxis = { axisLabel: { formatter: FORMATTERS.percentAxis } };
/** Series and buckets are named as analysts name them (the column labels), not by SQL column. */
const namedIn = (p: PanelDef) => (col: string) => columnDef(col, p).label;
/**
 * Latin first, then the CJK faces of each system (Noto CJK on Linux), so Chinese names render
 * everywhere: the page's font, and the charts' (ECharts draws on a canvas with its own font).
 */
export const FONT_STACK = 'system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif';
const base = (p: PanelDef, series: string[]): ChartOption => ({
  animation: false,
  textStyle: { fontFamily: FONT_STACK },
  grid: { left: 56, right: 24, top: 36, bottom: 56 },
  legend: { type: 'scroll', bottom: 0, data: series.map(namedIn(p)) },
  tooltip: { trigger: 'axis' },
});

/** Returns undefined for tables, which the report draws as HTML tables. */
export function chartOption(p: PanelDef, rows: Row[]): ChartOption | undefined {
  const v = p.viz;
  switch (v.kind) {
    case 'table':
      return undefined;
    case 'timeseries':
      return {
        ...base(p, v.series),
        xAxis: { type: 'time' },
        yAxis: { type: 'value', ...(v.unit === 'percentunit' ? { max: 1, ...pctAxis } : {}) },
        series: v.series.map((s) => ({
          name: columnDef(s, p).label,
          type: v.bars ? 'bar' : 'line',
          showSymbol: false,
          ...(v.stacked ? { stack: 'total', ...(v.bars ? {} : { areaStyle: { opacity: 0.4 } }) } : {}),
          data: rows.map((r) => [timeMs(r[v.time]), num(r[s])]),
        })),
      };
    case 'bar':
      return {
        ...base(p, v.series),
        xAxis: { type: 'category', data: rows.map((r) => String(r[v.x])), axisLabel: { rotate: rows.length > 8 ? 40 : 0 } },
        yAxis: { type: 'value', ...(v.unit === 'percentunit' ? { max: 1, ...pctAxis } : {}) },
        series: v.series.map((s) => ({ name: columnDef(s, p).label, type: 'bar', data: rows.map((r) => num(r[s])) })),
      };
    case 'heatmap':
    case 'grid': {
      const data: [number, number, number][] = [];
      rows.forEach((r, xi) => v.buckets.forEach((b, yi) => {
        const val = num(r[b]);
        if (val !== null) data.push([xi, yi, val]);
      }));
      return {
        animation: false,
        textStyle: { fontFamily: FONT_STACK },
        grid: { left: 56, right: 24, top: 24, bottom: 72 },
        tooltip: { position: 'top' },
        xAxis: { type: 'category', data: rows.map((r) => (v.kind === 'grid' ? String(r[v.x]) : dayLabel(r[v.x]))), splitArea: { show: true } },
        yAxis: { type: 'category', data: v.buckets.map(namedIn(p)), splitArea: { show: true } },
        visualMap: { min: 0, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f7fcf5', '#74c476', '#00441b'] } },
        series: [{ name: p.title, type: 'heatmap', data, label: { show: rows.length <= 16, formatter: FORMATTERS.percentCell } }],
      };
    }
  }
}

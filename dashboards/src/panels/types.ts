// A panel is written once: title, SQL (with Grafana variables), how to draw it and the columns it
// returns. The Grafana dashboards and the offline HTML report are both generated from these.
import type { ColumnDef } from './columns.js';

export type Viz =
  /** Lines over time; `time` is a DateTime column, every other listed column a series. */
  | { kind: 'timeseries'; time: string; series: string[]; stacked?: boolean; bars?: boolean; unit?: 'percentunit' | 'short' }
  /** Bars over a category or number column. */
  | { kind: 'bar'; x: string; series: string[]; unit?: 'percentunit' | 'short' }
  /** A grid of values: x along the bottom, one row per bucket column. */
  | { kind: 'heatmap'; x: string; buckets: string[] }
  /** The same grid over a category x (not time): shares in [0, 1] as coloured cells. */
  | { kind: 'grid'; x: string; buckets: string[] }
  | { kind: 'table' };

export interface PanelDef {
  /** Stable id, also the Grafana panel's key. */
  id: string;
  title: string;
  description: string;
  viz: Viz;
  /**
   * ClickHouse SQL. Variables are written `'${tenant}'` (always single-quoted, single value;
   * `__all` selects everything) and the time range as `$__timeFilter(column)`.
   */
  sql: string;
  /** Columns the SQL returns, in order. */
  columns: string[];
  /**
   * Labels and formats of columns the shared list (`columns.ts`) does not know: an extension's
   * panels name their own columns here.
   */
  columnDefs?: Readonly<Record<string, ColumnDef>>;
  /** Grid width (of 24) and height in Grafana. */
  width?: number;
  height?: number;
}

export interface DashboardDef {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  /** Variables this dashboard offers, in order; `includeAll` adds an "All" choice. */
  variables: { name: VariableName; includeAll: boolean }[];
  panels: PanelDef[];
}

export const VARIABLE_NAMES = ['tenant', 'platform', 'purpose', 'group'] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

/** The value a variable takes when "All" is selected. */
export const ALL = '__all';

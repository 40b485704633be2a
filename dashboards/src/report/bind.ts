// The one translation from Grafana's SQL to the embedded warehouse: Grafana variables become
// ClickHouse bound parameters (values never spliced into text) and `$__timeFilter(col)` becomes a
// bound range.
import type { PanelDef, VariableName } from '../panels/types.js';

export type VariableValues = Partial<Record<VariableName, string>>;

export interface TimeRange {
  /** Epoch ms. */
  from: number;
  to: number;
}

export interface BoundQuery {
  sql: string;
  params: Record<string, string>;
}

const VAR = /'\$\{([A-Za-z_][A-Za-z0-9_]*)\}'/g;
const TIME_FILTER = /\$__timeFilter\(([A-Za-z_][A-Za-z0-9_.]*)\)/g;

const chDateTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function bindPanelSql(sql: string, values: VariableValues, range: TimeRange): BoundQuery {
  const params: Record<string, string> = {};
  let out = sql.replace(VAR, (_m, name: string) => {
    const v = values[name as VariableName];
    if (v === undefined) throw new Error(`the SQL uses \${${name}} but no value was given for it`);
    params[`v_${name}`] = v;
    return `{v_${name}:String}`;
  });
  out = out.replace(TIME_FILTER, (_m, col: string) => {
    params.time_from = chDateTime(range.from);
    params.time_to = chDateTime(range.to);
    return `(${col} >= toDate({time_from:DateTime('UTC')}) AND ${col} <= toDate({time_to:DateTime('UTC')}))`;
  });
  const left = /\$\{[^}]*\}|\$__\w+/.exec(out);
  if (left) throw new Error(`unsupported Grafana macro or unquoted variable ${left[0]}: variables must be written '\${name}'`);
  return { sql: out, params };
}

export function bindPanel(p: PanelDef, values: VariableValues, range: TimeRange): BoundQuery {
  try {
    return bindPanelSql(p.sql, values, range);
  } catch (err) {
    throw new Error(`panel ${p.id}: ${(err as Error).message}`);
  }
}

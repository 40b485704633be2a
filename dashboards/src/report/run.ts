// Runs panels against a warehouse and checks each result has the columns the panel promises.
import type { Warehouse } from '@qunpulse/warehouse';
import type { PanelDef } from '../panels/types.js';
import { bindPanel, type TimeRange, type VariableValues } from './bind.js';

export type Row = Record<string, unknown>;

export interface PanelResult {
  panel: PanelDef;
  rows: Row[];
}

export async function runPanel(wh: Warehouse, panel: PanelDef, values: VariableValues, range: TimeRange): Promise<PanelResult> {
  const q = bindPanel(panel, values, range);
  let rows: Row[];
  try {
    rows = await wh.query<Row>(q.sql, q.params);
  } catch (err) {
    throw new Error(`panel ${panel.id} (${panel.title}) failed: ${(err as Error).message}`);
  }
  const first = rows[0];
  if (first) {
    const got = Object.keys(first);
    if (got.join(',') !== panel.columns.join(',')) {
      throw new Error(`panel ${panel.id} returned columns ${got.join(', ')}; expected ${panel.columns.join(', ')}`);
    }
  }
  return { panel, rows };
}

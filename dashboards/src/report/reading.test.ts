import { describe, expect, it } from 'vitest';
import { DASHBOARDS } from '../dashboards/index.js';
import { columnDef, formatValue } from '../panels/columns.js';
import type { PanelDef } from '../panels/types.js';
import { chartReading } from './reading.js';

const panel = (viz: PanelDef['viz'], columns: string[]): PanelDef => ({ id: 'p', title: 'p', description: '', viz, sql: '', columns });

describe('column labels and the lines under charts', () => {
  it('names every column of every panel in words', () => {
    for (const d of DASHBOARDS) for (const p of d.panels) for (const c of p.columns) {
      const { label } = columnDef(c);
      expect(label, `${p.id}.${c}`).not.toMatch(/_/);
    }
    expect(() => columnDef('no_such_column')).toThrow(/no_such_column has no label/);
  });

  it('writes numbers as an analyst reads them', () => {
    expect(formatValue('count', 1234567)).toBe('1,234,567');
    expect(formatValue('percent', 0.4267)).toBe('43%');
    expect(formatValue('decimal', '0.5')).toBe('0.50');
    expect(formatValue('flag', 1)).toBe('yes');
    expect(formatValue('day', '2026-03-09 00:00:00')).toBe('2026-03-09');
    expect(formatValue('count', null)).toBe('');
  });

  it('reads a trend: last value, change from the first, and the peak', () => {
    const rows = [
      { time: '2026-03-01 00:00:00', human_messages: 200 },
      { time: '2026-03-02 00:00:00', human_messages: 260 },
      { time: '2026-03-03 00:00:00', human_messages: 120 },
    ];
    expect(chartReading(panel({ kind: 'timeseries', time: 'time', series: ['human_messages'] }, ['time', 'human_messages']), rows))
      .toBe('Conversation (human messages): 120 on 2026-03-03, down 40% from 200 on 2026-03-01; highest 260 on 2026-03-02.');
  });

  it('reads a stacked series as the latest day, largest first', () => {
    const rows = [{ time: '2026-03-03 00:00:00', thriving: 4, stable: 10, dying: 2, dead: 0 }];
    expect(chartReading(panel({ kind: 'timeseries', time: 'time', series: ['thriving', 'stable', 'dying', 'dead'], stacked: true }, []), rows))
      .toBe('On 2026-03-03: 10 stable, 4 thriving, 2 dying.');
  });

  it('reads bars as the top entry and the grid as its busiest cell', () => {
    expect(chartReading(panel({ kind: 'bar', x: 'member_id', series: ['kol_score'] }, []), [{ member_id: 'li', kol_score: 0.91 }, { member_id: 'wang', kol_score: 0.4 }]))
      .toBe('Highest KOL score: li at 0.91; 2 shown, the last wang at 0.40.');
    expect(chartReading(panel({ kind: 'grid', x: 'hour_of_day', buckets: ['mon', 'tue'] }, []), [{ hour_of_day: '09:00', mon: 1, tue: 0.2 }, { hour_of_day: '10:00', mon: 0.5, tue: 0.1 }]))
      .toBe('Busiest: Mon 09:00. Cells are shares of that hour.');
    expect(chartReading(panel({ kind: 'table' }, []), [{ a: 1 }])).toBeNull();
    expect(chartReading(panel({ kind: 'bar', x: 'member_id', series: ['kol_score'] }, []), [])).toBeNull();
  });
});

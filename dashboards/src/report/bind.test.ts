import { describe, expect, it } from 'vitest';
import { bindPanelSql } from './bind.js';

const range = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 31, 23, 59, 59) };

describe('bindPanelSql', () => {
  it('turns quoted Grafana variables into bound parameters and the time filter into a bound range', () => {
    const q = bindPanelSql("SELECT 1 FROM t WHERE tenant_id = '${tenant}' AND ('${group}' = '__all' OR group_id = '${group}') AND $__timeFilter(day)",
      { tenant: "o'brien", group: '__all' }, range);
    expect(q.sql).toBe("SELECT 1 FROM t WHERE tenant_id = {v_tenant:String} AND ({v_group:String} = '__all' OR group_id = {v_group:String}) AND (day >= toDate({time_from:DateTime('UTC')}) AND day <= toDate({time_to:DateTime('UTC')}))");
    expect(q.params).toEqual({ v_tenant: "o'brien", v_group: '__all', time_from: '2026-01-01 00:00:00', time_to: '2026-01-31 23:59:59' });
  });

  it('refuses unquoted variables, unknown macros and missing values', () => {
    expect(() => bindPanelSql('SELECT ${tenant}', { tenant: 'a' }, range)).toThrow(/unquoted variable \$\{tenant\}/);
    expect(() => bindPanelSql('SELECT $__timeGroup(day, 1h)', {}, range)).toThrow(/\$__timeGroup/);
    expect(() => bindPanelSql("SELECT '${purpose}'", {}, range)).toThrow(/no value was given for it/);
  });
});

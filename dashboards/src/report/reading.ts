// One line under each chart saying what it shows, read from its rows: where a trend went, who or
// what is on top, which cell is busiest. Written from the data so it is true for this report.
import { columnDef, formatValue } from '../panels/columns.js';
import type { PanelDef } from '../panels/types.js';
import type { Row } from './run.js';

const num = (v: unknown): number | null => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
interface Words { label(col: string): string; show(col: string, v: unknown): string }
const wordsOf = (p: PanelDef): Words => ({
  label: (col) => columnDef(col, p).label,
  show: (col, v) => formatValue(columnDef(col, p).format, v),
});
const day = (v: unknown) => String(v).slice(0, 10);

function trend({ label, show }: Words, rows: Row[], time: string, series: string): string | null {
  const points = rows.map((r) => ({ t: r[time], v: num(r[series]) })).filter((p) => p.v !== null) as { t: unknown; v: number }[];
  if (points.length === 0) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const peak = points.reduce((a, b) => (b.v > a.v ? b : a));
  const change = first.v === 0 ? null : (last.v - first.v) / Math.abs(first.v);
  const moved = change === null ? '' : Math.abs(change) < 0.05 ? ', about where it began' :
    `, ${change > 0 ? 'up' : 'down'} ${Math.round(Math.abs(change) * 100)}% from ${show(series, first.v)} on ${day(first.t)}`;
  return `${label(series)}: ${show(series, last.v)} on ${day(last.t)}${moved}; highest ${show(series, peak.v)} on ${day(peak.t)}.`;
}

/** The line under a panel's chart, or null when there is nothing to read (no rows, or a table). */
export function chartReading(p: PanelDef, rows: Row[]): string | null {
  if (rows.length === 0) return null;
  const words = wordsOf(p);
  const { label, show } = words;
  const v = p.viz;
  switch (v.kind) {
    case 'table':
      return null;
    case 'timeseries': {
      if (v.stacked) {
        const last = rows[rows.length - 1]!;
        const parts = v.series.map((s) => ({ s, n: num(last[s]) ?? 0 })).filter((x) => x.n > 0).sort((a, b) => b.n - a.n);
        if (parts.length === 0) return `On ${day(last[v.time])}: none.`;
        return `On ${day(last[v.time])}: ${parts.map((x) => `${show(x.s, x.n)} ${label(x.s).toLowerCase()}`).join(', ')}.`;
      }
      return trend(words, rows, v.time, v.series[0]!);
    }
    case 'bar': {
      const s = v.series[0]!;
      const ranked = rows.map((r) => ({ x: String(r[v.x]), n: num(r[s]) })).filter((r) => r.n !== null).sort((a, b) => b.n! - a.n!);
      if (ranked.length === 0) return null;
      const top = ranked[0]!;
      const rest = ranked.length > 1 ? `; ${ranked.length} shown, the last ${ranked[ranked.length - 1]!.x} at ${show(s, ranked[ranked.length - 1]!.n)}` : '';
      return `Highest ${label(s)}: ${top.x} at ${show(s, top.n)}${rest}.`;
    }
    case 'heatmap':
    case 'grid': {
      let best: { x: string; b: string; n: number } | null = null;
      for (const r of rows) {
        for (const b of v.buckets) {
          const n = num(r[b]);
          if (n !== null && (best === null || n > best.n)) best = { x: v.kind === 'grid' ? String(r[v.x]) : day(r[v.x]), b, n };
        }
      }
      if (best === null) return null;
      if (v.kind === 'grid') return `Busiest: ${label(best.b)} ${best.x}. Cells are shares of that hour.`;
      const latest = rows[rows.length - 1]!;
      const known = v.buckets.filter((b) => num(latest[b]) !== null);
      const now = known.length ? ` Latest (${day(latest[v.x])}): ${known.map((b) => `${label(b).toLowerCase()} ${show(b, latest[b])}`).join(', ')}.` : '';
      return `Highest: ${label(best.b).toLowerCase()} ${show(best.b, best.n)} for ${best.x}.${now}`;
    }
  }
}

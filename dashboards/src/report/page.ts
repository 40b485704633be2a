// The self-contained HTML page: ECharts and the data inline, no network needed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DashboardDef, PanelDef } from '../panels/types.js';
import { columnDef, formatValue } from '../panels/columns.js';
import { chartOption, FONT_STACK, FORMATTERS } from './charts.js';
import { chartReading } from './reading.js';
import type { PanelResult, Row } from './run.js';
import type { ReportScope } from './scope.js';

export interface ReportSection {
  dashboard: DashboardDef;
  results: PanelResult[];
}

let echartsSource: string | undefined;
function echartsScript(): string {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsSource.replaceAll('</script', '<\\/script');
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON that is safe inside a <script> element. */
const scriptJson = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));

function tableHtml(p: PanelDef, rows: Row[]): string {
  const columns = p.columns;
  if (rows.length === 0) return '<p class="empty">No rows.</p>';
  const defs = columns.map((c) => columnDef(c, p));
  const head = defs.map((d) => `<th>${esc(d.label)}</th>`).join('');
  const cell = (c: string, i: number, r: Row) => {
    const d = defs[i]!;
    return `<td${d.format === 'text' || d.format === 'day' ? '' : ' class="n"'}>${esc(formatValue(d.format, r[c]))}</td>`;
  };
  const body = rows.map((r) => `<tr>${columns.map((c, i) => cell(c, i, r)).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const STYLE = `
body{font-family:${FONT_STACK};margin:0;background:#f4f5f7;color:#1f2328}
header{background:#1f2937;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#cbd5e1;font-size:13px}
main{padding:16px 24px}h2{font-size:17px;margin:24px 0 4px}h2+p{margin:0 0 12px;color:#57606a;font-size:13px}
.grid{display:grid;grid-template-columns:repeat(24,1fr);gap:12px}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 12px;min-width:0}
.panel h3{font-size:14px;margin:0}.panel .desc{font-size:12px;color:#57606a;margin:2px 0 6px}
.chart{height:280px}.table-wrap{max-height:320px;overflow:auto}
table{border-collapse:collapse;font-size:12px;width:100%}th,td{border-bottom:1px solid #eaeef2;padding:3px 6px;text-align:left;white-space:nowrap}
th{position:sticky;top:0;background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}.empty{color:#8c959f;font-size:12px}
.reading{font-size:13px;margin:6px 0 0;color:#1f2328}`;

export function reportHtml(scope: ReportScope, sections: ReportSection[], generatedAt: Date): string {
  const charts: { id: string; option: unknown }[] = [];
  const body = sections.map((s) => {
    const panels = s.results.map((r) => {
      const span = Math.max(6, r.panel.width ?? 12);
      const option = chartOption(r.panel, r.rows);
      const id = `${s.dashboard.uid}--${r.panel.id}`;
      let inner: string;
      if (option) {
        charts.push({ id, option });
        const reading = chartReading(r.panel, r.rows);
        inner = `<div class="chart" id="${esc(id)}" data-panel="${esc(r.panel.id)}" data-rows="${r.rows.length}"></div>` +
          (reading ? `<p class="reading" data-panel="${esc(r.panel.id)}">${esc(reading)}</p>` : '');
      } else {
        inner = tableHtml(r.panel, r.rows);
      }
      return `<section class="panel" style="grid-column:span ${span}"><h3>${esc(r.panel.title)}</h3><p class="desc">${esc(r.panel.description)}</p>${inner}</section>`;
    }).join('\n');
    const subtitle = s.dashboard.uid === 'qunpulse-group'
      ? `${s.dashboard.description} Spotlight: ${scope.group.name || scope.group.groupId} (${scope.group.platform}/${scope.group.groupId}, ${scope.group.status}).`
      : s.dashboard.description;
    return `<h2>${esc(s.dashboard.title)}</h2><p>${esc(subtitle)}</p><div class="grid">${panels}</div>`;
  }).join('\n');

  const range = `${new Date(scope.range.from).toISOString().slice(0, 10)} – ${new Date(scope.range.to).toISOString().slice(0, 10)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>qunpulse report · ${esc(scope.tenant)}</title><style>${STYLE}</style></head>
<body><header><h1>qunpulse report · tenant ${esc(scope.tenant)}</h1><p>${esc(range)} · generated ${esc(generatedAt.toISOString())} · the same panels and SQL as the Grafana dashboards</p></header>
<main>${body}</main>
<script>${echartsScript()}</script>
<script>
(function () {
  var charts = ${scriptJson(charts)};
  var FORMAT = {};
  FORMAT[${scriptJson(FORMATTERS.percentAxis)}] = function (v) { return Math.round(v * 100) + '%'; };
  FORMAT[${scriptJson(FORMATTERS.percentCell)}] = function (p) { return String(Math.round(p.value[2] * 100)); };
  function revive(x) {
    if (Array.isArray(x)) return x.map(revive);
    if (x && typeof x === 'object') {
      var out = {};
      for (var k in x) out[k] = (k === 'formatter' && FORMAT[x[k]]) ? FORMAT[x[k]] : revive(x[k]);
      return out;
    }
    return x;
  }
  charts.forEach(function (c) {
    var chart = echarts.init(document.getElementById(c.id), null, { renderer: 'canvas' });
    chart.setOption(revive(c.option));
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { var i = echarts.getInstanceByDom(document.getElementById(c.id)); if (i) i.resize(); });
  });
})();
</script></body></html>
`;
}

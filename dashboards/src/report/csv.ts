// The report's tables as CSV for spreadsheets and BI tools: RFC 4180 (CRLF line ends, a field
// quoted when it holds a comma, a double quote, CR or LF, quotes doubled), UTF-8 with a byte-order
// mark, since Excel reads a CSV without one in the machine's legacy code page and garbles Chinese.
import type { Report } from './build.js';
import type { Row } from './run.js';

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One table: a header line of the column names, then one line per row, each ended by CRLF. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return BOM + lines.map((l) => `${l}\r\n`).join('');
}

export interface CsvFile {
  /** `<panel id>.csv`, or `<dashboard uid>--<panel id>.csv` when another dashboard's panel took that name. */
  name: string;
  dashboard: string;
  title: string;
  rows: number;
  content: string;
}

/** Every panel of the report as its own CSV file. */
export function reportCsvFiles(r: Report): CsvFile[] {
  const files: CsvFile[] = [];
  const seen = new Set<string>();
  for (const s of r.sections) {
    for (const x of s.results) {
      let name = `${x.panel.id}.csv`;
      if (seen.has(name)) name = `${s.dashboard.uid}--${x.panel.id}.csv`;
      for (let n = 2; seen.has(name); n++) name = `${s.dashboard.uid}--${x.panel.id}-${n}.csv`;
      seen.add(name);
      files.push({ name, dashboard: s.dashboard.title, title: x.panel.title, rows: x.rows.length, content: toCsv(x.panel.columns, x.rows) });
    }
  }
  return files;
}

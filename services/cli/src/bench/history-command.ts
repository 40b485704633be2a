// `qunpulse bench --history`: runs the history-scaling benchmark and writes its report.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../command.js';
import { defaultDataDir, readCliEnv } from '../runtime.js';
import { runHistoryBench, type HistoryRow } from './history.js';

export const HISTORY_TARGETS = { touchedP95Ms: 250, judgementSeconds: 120, judgementGroups: 5_000, judgementEvents: 10_000_000 } as const;

function parseSizes(text: string | undefined): number[] {
  if (!text) return [1_000_000, 10_000_000, 30_000_000];
  const sizes = text.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 10_000)) throw new UsageError(`--events must be whole numbers ≥ 10000 separated by commas, got ${JSON.stringify(text)}`);
  return sizes.sort((a, b) => a - b);
}

export function renderHistoryMarkdown(rows: HistoryRow[], machine: string): string {
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const lines = [
    `# qunpulse history-scaling benchmark`, '', machine, '',
    `| events stored | groups | days of history | touched group p50 / p95 (target p95 ≤ ${HISTORY_TARGETS.touchedP95Ms} ms) | rows read per touched recompute p50 / p95 | daily judgement of all groups | bytes per event (all tables / chat_events) | peak RSS |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${f(r.events)} | ${f(r.groups)} | ${r.historyDays} | ${f(r.touched.p50Ms)} / ${f(r.touched.p95Ms)} ms (${(r.touched.p95Ms / HISTORY_TARGETS.touchedP95Ms).toFixed(2)}× the limit; ${Object.entries(r.touched.stepsP50Ms).map(([k, v]) => `${k} ${f(v)}`).join(', ')}) | ` +
      `${f(r.touched.rowsReadP50)} / ${f(r.touched.rowsReadP95)} | ${r.judgement ? `${r.judgement.seconds.toFixed(1)} s (${Object.entries(r.judgement.stepsSeconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})` : 'not run'} | ` +
      `${r.bytesPerEvent.toFixed(1)} / ${r.chatEventsBytesPerEvent.toFixed(1)} | ${f(r.peakRssMiB)} MiB |`),
    '',
  ];
  return lines.join('\n');
}

export async function runHistoryCommand(out: string | undefined, events: string | undefined): Promise<number> {
  const sizes = parseSizes(events);
  const env = readCliEnv();
  const dataDir = defaultDataDir(env);
  const outDir = path.resolve(out ?? path.join(dataDir, 'bench'));
  const workDir = path.join(dataDir, 'bench-work', `history-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  const say = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const rows = await runHistoryBench({ sizes, workDir, say });
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, ` +
      `Node ${process.versions.node}, embedded ClickHouse (chdb), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average at start ${os.loadavg()[0]!.toFixed(1)}`;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const md = renderHistoryMarkdown(rows, machine);
    writeFileSync(path.join(outDir, `history-${stamp}.json`), JSON.stringify({ machine, rows }, null, 2));
    writeFileSync(path.join(outDir, `history-${stamp}.md`), md);
    process.stdout.write(`\n${md}\nreport: ${path.join(outDir, `history-${stamp}.md`)}\n`);
    return 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

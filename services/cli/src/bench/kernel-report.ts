// `qunpulse bench --kernels`: runs the kernel benchmark, prints its table and keeps it as JSON and Markdown.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir, readCliEnv } from '../runtime.js';
import { benchKernels, renderKernelBench } from './kernels.js';

export async function runKernelBench(out: string | undefined, runs: number): Promise<number> {
  const dataDir = defaultDataDir(readCliEnv());
  const outDir = path.resolve(out ?? path.join(dataDir, 'bench'));
  const workDir = path.join(dataDir, 'bench-work', String(process.pid));
  const result = await benchKernels({ runs, workDir, say: (line) => process.stderr.write(`${line}\n`) })
    .finally(() => rmSync(workDir, { recursive: true, force: true }));
  const table = renderKernelBench(result);
  mkdirSync(outDir, { recursive: true });
  const stem = path.join(outDir, `kernels-${result.startedAt.replace(/[:.]/g, '-')}`);
  writeFileSync(`${stem}.json`, JSON.stringify(result, null, 2));
  writeFileSync(`${stem}.md`, table);
  process.stdout.write(`\n${table}\nreport: ${stem}.md\n        ${stem}.json\n`);
  return 0;
}

// Writes the generated Grafana files into infra/grafana (run after `tsc`: node dashboards/dist/build.js).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './grafana/generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
for (const f of generatedFiles()) {
  const target = path.join(root, f.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, f.content);
  console.log(`wrote ${f.path}`);
}

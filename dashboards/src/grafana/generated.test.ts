// The committed Grafana files must be exactly what the code generates.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS } from '../dashboards/index.js';
import { generatedFiles } from './generate.js';

const root = path.resolve(new URL('../../..', import.meta.url).pathname);

describe('generated Grafana files', () => {
  it('are committed and up to date (regenerate with npm run generate -w dashboards)', () => {
    for (const f of generatedFiles()) {
      let committed: string;
      try { committed = readFileSync(path.join(root, f.path), 'utf8'); } catch { throw new Error(`${f.path} is missing: run npm run generate -w dashboards`); }
      expect(committed, `${f.path} is stale: run npm run generate -w dashboards`).toBe(f.content);
    }
  });

  it('put every panel\'s SQL, once, into a ClickHouse target', () => {
    for (const d of DASHBOARDS) {
      const json = JSON.parse(readFileSync(path.join(root, `infra/grafana/dashboards/${d.uid}.json`), 'utf8')) as {
        uid: string; panels: { title: string; type: string; targets: { rawSql: string; datasource: { type: string } }[] }[];
        templating: { list: { name: string }[] };
      };
      expect(json.uid).toBe(d.uid);
      expect(json.templating.list.map((v) => v.name)).toEqual(d.variables.map((v) => v.name));
      expect(json.panels.map((p) => p.title)).toEqual(d.panels.map((p) => p.title));
      json.panels.forEach((p, i) => {
        expect(p.targets).toHaveLength(1);
        expect(p.targets[0]!.datasource.type).toBe('grafana-clickhouse-datasource');
        expect(p.targets[0]!.rawSql).toBe(d.panels[i]!.sql);
      });
    }
  });

  it('give every panel a unique id', () => {
    const ids = DASHBOARDS.flatMap((d) => d.panels.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtensions } from './extensions.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qp-extensions-'));
const file = (name: string, body: string) => { const p = path.join(dir, name); writeFileSync(p, body); return p; };
const good = file('good.mjs', "export default { namespace: 'notes', migrationsDir: '/nowhere', panels: [] };\n");

describe('QUNPULSE_EXTENSIONS', () => {
  it('loads each module\'s default export', async () => {
    expect((await loadExtensions([good])).map((e) => e.namespace)).toEqual(['notes']);
  });

  it('names the module and the problem when one cannot be used', async () => {
    await expect(loadExtensions([path.join(dir, 'missing.mjs')])).rejects.toThrow(/^QUNPULSE_EXTENSIONS: cannot load .*missing\.mjs/);
    const none = file('none.mjs', 'export const x = 1;\n');
    await expect(loadExtensions([none])).rejects.toThrow(`QUNPULSE_EXTENSIONS: ${none} must default-export an extension`);
    const badName = file('bad.mjs', "export default { namespace: 'Notes', migrationsDir: '/x' };\n");
    await expect(loadExtensions([badName])).rejects.toThrow('extension namespace "Notes": must be lower-case');
    const badPanel = file('panel.mjs', "export default { namespace: 'notes', migrationsDir: '/x', panels: [{ id: 'top' }] };\n");
    await expect(loadExtensions([badPanel])).rejects.toThrow('extension notes: panel id "top" must start with "notes_"');
    await expect(loadExtensions([good, good])).rejects.toThrow('QUNPULSE_EXTENSIONS: two extensions use the namespace notes');
  });
});

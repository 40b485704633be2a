import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(new URL('../..', import.meta.url).pathname);

/** Maps every `@qunpulse/*` workspace to its `src/index.ts`. */
export function workspaceAliases(): Record<string, string> {
  const dirs = ['packages', 'services', 'examples'].flatMap((d) => readdirSync(path.join(root, d)).map((x) => path.join(root, d, x)));
  dirs.push(path.join(root, 'dashboards'));
  const aliases: Record<string, string> = {};
  for (const dir of dirs) {
    const pkgFile = path.join(dir, 'package.json');
    const entry = path.join(dir, 'src', 'index.ts');
    if (!existsSync(pkgFile) || !existsSync(entry)) continue;
    const { name } = JSON.parse(readFileSync(pkgFile, 'utf8')) as { name: string };
    aliases[name] = entry;
  }
  return aliases;
}

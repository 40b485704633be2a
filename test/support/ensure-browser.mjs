// The HTML report test drives Debian's headless Chromium and checks that Chinese text is drawn
// with a CJK font. On a fresh machine the test command installs what is missing (as root, from
// Debian's packages) instead of failing later with a missing binary or boxes for characters.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-noto-cjk');

if (missing.length) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    process.stderr.write(`The HTML report test needs Debian's ${missing.join(' and ')}: run \`sudo apt-get install -y ${missing.join(' ')}\`, then npm test again.\n`);
    process.exit(1);
  }
  process.stderr.write(`Installing ${missing.join(' and ')} from Debian for the HTML report test…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) {
      process.stderr.write(`apt-get ${args.join(' ')} failed (exit ${r.status}); install ${missing.join(' ')} and run npm test again.\n`);
      process.exit(1);
    }
  }
}

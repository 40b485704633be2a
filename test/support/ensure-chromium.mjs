// The HTML report test drives Debian's headless Chromium. On a fresh machine the test command
// installs it (as root, from Debian's packages) instead of failing later with a missing binary.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    process.stderr.write(`The HTML report test needs Debian's chromium at ${CHROMIUM}: run \`sudo apt-get install -y chromium\`, then npm test again.\n`);
    process.exit(1);
  }
  process.stderr.write('Installing Debian chromium for the HTML report test…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) {
      process.stderr.write(`apt-get ${args.join(' ')} failed (exit ${r.status}); install chromium and run npm test again.\n`);
      process.exit(1);
    }
  }
}

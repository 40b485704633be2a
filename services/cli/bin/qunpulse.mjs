#!/usr/bin/env node
// The qunpulse command. Runs the compiled CLI (npm run build, or any npm script that builds first).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`qunpulse needs Node 24 (found ${process.version}). Run it through npm (npm run qunpulse -- …), which uses the Node 24 the project installs, or put node_modules/.bin first on PATH.\n`);
  process.exit(1);
}
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2));

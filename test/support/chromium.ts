// Headless Chromium from Debian's `chromium` package, driven by playwright-core, with a fresh
// profile. The network is closed, so everything that would phone home is switched off.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(tmpdir(), 'qunpulse-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// Debian's Chromium driven by playwright-core (Playwright's own browser downloads are not reachable here).
import { chromium, type BrowserContext } from 'playwright-core';
import { BROWSER, requirePrerequisites } from './prerequisites';

const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  requirePrerequisites(BROWSER);
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // Without these, Chromium keeps trying to reach Google's hosts, which this network refuses.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

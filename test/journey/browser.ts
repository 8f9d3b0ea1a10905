/** Debian Chromium driven by playwright-core, as in docs (never a downloaded browser). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(dataDir: string): Promise<{ context: BrowserContext; page: Page }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run "npm run setup" (apt-get install chromium).`);
  // A persistent context, because Chromium rejects --user-data-dir among the launch args.
  const context = await chromium.launchPersistentContext(join(dataDir, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** The DOM id VS Code gives an extension's status-bar item: "<extension id>.<item id>". */
export const CONNECTION_STATUS = '[id="iot-mitigations.iot-mitigations.mitigations.connection"]';

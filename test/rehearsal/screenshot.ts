/**
 * Writes docs/screenshots/11-rehearsal-report.png: the quarantine workflow rehearsed against an
 * emulator playing account 210987654321 (one certificate revoked since the audit, so a
 * predicted failure shows), rendered by the extension's report page in Chromium with VS Code's
 * Dark Modern colours for the theme variables the page uses.
 *   npx tsx test/rehearsal/screenshot.ts
 */
import { IoTClient, UpdateCertificateCommand } from '@aws-sdk/client-iot';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { renderRehearsalHtml } from '../../client/rehearsal/model/reportHtml';
import { DEMO, startEmulator } from '../../emulator/index';
import { rehearse, requestFromFile } from '../../rehearsal/index';
import { ACCOUNT, demoAuditId, QUARANTINE_FILE, QUARANTINE_TASK, REGION, ROOT } from './helpers';

const DARK_MODERN = `:root {
  --vscode-font-family: "DejaVu Sans", system-ui, sans-serif; --vscode-editor-font-family: "DejaVu Sans Mono", monospace;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-panel-border: #2b2b2b;
  --vscode-testing-iconPassed: #73c991; --vscode-testing-iconFailed: #f14c4c; --vscode-textLink-foreground: #4daafc;
  --vscode-textBlockQuote-background: #2b2b2b; --vscode-button-foreground: #ffffff; --vscode-button-background: #0078d4;
}
body { background: #1f1f1f; font-size: 13px; }`;

async function main(): Promise<void> {
  const account = await startEmulator({ port: 0, account: ACCOUNT, log: () => undefined });
  const iot = new IoTClient({ endpoint: account.url, region: REGION, credentials: { accessKeyId: 'AKIDSCREENSHOT', secretAccessKey: 'not-checked' }, maxAttempts: 1 });
  try {
    await iot.send(new UpdateCertificateCommand({ certificateId: DEMO.certificates.revokedByIssuer, newStatus: 'REVOKED' }));
    const request = requestFromFile(readFileSync(QUARANTINE_FILE, 'utf8'), QUARANTINE_TASK, await demoAuditId(iot));
    const report = await rehearse(iot, request);
    const html = renderRehearsalHtml(report, 'screenshot').replace('</style>', `${DARK_MODERN}</style>`);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1500 }, deviceScaleFactor: 1 });
      // acquireVsCodeApi exists only in a webview; a stand-in lets the page's script run.
      await page.addInitScript({ content: 'window.acquireVsCodeApi = () => ({ postMessage: () => undefined });' });
      await page.setContent(html);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/11-rehearsal-report.png') });
    } finally {
      await browser.close();
    }
  } finally {
    iot.destroy();
    await account.close();
  }
}

void main();

/**
 * A code-server session on the working tree's dist/ (linked into the session's extensions folder,
 * as `npm start` does; run `npm run build` first), a copy of examples/ as the workspace and Debian
 * Chromium on it. For the details journey and the details benchmark.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { installedExtensionFolder, repoRoot, sessionPaths } from '../../scripts/code-server.mjs';
import { startCodeServer, type RunningCodeServer } from '../vscode/codeServer';
import { launchBrowser } from './browser';
import { descendants, isAlive } from './processes';

export interface LinkedSession {
  readonly dataDir: string;
  readonly workspace: string;
  readonly server: RunningCodeServer;
  readonly browser: BrowserContext;
  readonly page: Page;
  /** The bundled emulator's URL, once the extension has logged it ("The emulator is listening on ..."). */
  emulatorUrl(timeoutMs?: number): Promise<string>;
  /** Closes the browser and code-server, kills whatever they left running, removes the folder. */
  close(): Promise<void>;
}

function loggedEmulatorUrl(dataDir: string): string | undefined {
  const logs = join(sessionPaths(dataDir).userDataDir, 'logs');
  for (const session of existsSync(logs) ? readdirSync(logs) : []) {
    for (const host of readdirSync(join(logs, session)).filter((name) => name.startsWith('exthost'))) {
      const log = join(logs, session, host, 'iot-mitigations.iot-mitigations', 'IoT Mitigations.log');
      const match = existsSync(log) ? /The emulator is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(log, 'utf8')) : null;
      if (match) return match[1];
    }
  }
  return undefined;
}

export async function startLinkedSession(name: string, settings: Record<string, unknown>): Promise<LinkedSession> {
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('run "npm run build" first: the session runs the working tree\'s dist/');
  const dataDir = mkdtempSync(join(tmpdir(), `mitigations-${name}-`));
  const workspace = join(dataDir, 'examples');
  cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
  mkdirSync(sessionPaths(dataDir).extensionsDir, { recursive: true });
  symlinkSync(repoRoot, join(sessionPaths(dataDir).extensionsDir, installedExtensionFolder()), 'dir');
  const server = await startCodeServer({ dataDir, settings });
  const { context: browser, page } = await launchBrowser(dataDir);
  return {
    dataDir,
    workspace,
    server,
    browser,
    page,
    async emulatorUrl(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const url = loggedEmulatorUrl(dataDir);
        if (url) return url;
        if (Date.now() > deadline) throw new Error(`the extension logged no emulator URL within ${timeoutMs / 1000} s`);
        await new Promise((wait) => setTimeout(wait, 200));
      }
    },
    async close() {
      const left = descendants(server.process.pid!);
      await browser.close().catch(() => undefined);
      await server.stop();
      // The extension host stops the language server and the emulator; anything left is killed.
      for (const info of left) if (isAlive(info.pid)) process.kill(info.pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

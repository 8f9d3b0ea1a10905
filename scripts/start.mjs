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
import { existsSync, lstatSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { USER_SETTINGS, codeServerArgs, codeServerBin, codeServerEnv, freePort, installedExtensionFolder, prepareSession, repoRoot, waitUntilHealthy } from './code-server.mjs';

// MITIGATIONS_START_DIR: another session folder (the tests use a temporary one).
const sessionDir = process.env.MITIGATIONS_START_DIR || join(repoRoot, '.vscode-test', 'start');
const workspace = join(repoRoot, 'examples');
const firstFile = join(workspace, 'quarantine-workflow.mitigation.json');

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

/** A symlink <extensions>/<publisher>.<name>-<version> → the working tree. */
function linkExtension(extensionsDir) {
  const link = join(extensionsDir, installedExtensionFolder());
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

async function runCodeServer(options) {
  const session = prepareSession(sessionDir, USER_SETTINGS);
  if (session.settingsLeftAlone) say(`${session.settingsFile} is not plain JSON; leaving it as it is.`);
  linkExtension(session.extensionsDir);
  const port = options.port || (await freePort());
  const child = start('code-server', codeServerBin, codeServerArgs(sessionDir, port), { env: codeServerEnv(sessionDir), stdio: ['ignore', 'ignore', 'pipe'] });
  let pending = '';
  child.stderr.on('data', (chunk) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() && !NOISE.test(line)) process.stderr.write(`[code-server] ${line}\n`);
  });
  const base = `http://127.0.0.1:${port}`;
  if (!(await waitUntilHealthy(base, { timeoutMs: 60_000, gaveUp: () => child.exitCode !== null || stopping }))) {
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

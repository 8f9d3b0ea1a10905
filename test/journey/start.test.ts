/**
 * `npm start` (scripts/start.mjs) as a newcomer runs it: it builds, prints a code-server URL,
 * the workbench opens examples/ with the extension active and connected to the bundled
 * emulator, and Ctrl-C stops every process it started.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { CONNECTION_STATUS, launchBrowser } from './browser';
import { descendants, isAlive, type ProcessInfo } from './processes';

const repoRoot = resolve(__dirname, '..', '..');
const sessionDir = mkdtempSync(join(tmpdir(), 'mitigations-start-'));
let starter: ChildProcess | undefined;

after(() => {
  // Only when an assertion failed half-way: the test itself stops everything with Ctrl-C.
  if (starter?.pid && starter.exitCode === null) {
    for (const child of descendants(starter.pid)) process.kill(child.pid, 'SIGKILL');
    process.kill(starter.pid, 'SIGKILL');
  }
  rmSync(sessionDir, { recursive: true, force: true, maxRetries: 3 });
});

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolveLine, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs / 1000} s; output:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolveLine(match);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start.mjs exited with ${code} before printing its URL; output:\n${output}`)));
  });
}

test('npm start opens examples/ in code-server with the extension active, and Ctrl-C stops everything', { timeout: 4 * 60_000 }, async () => {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs'), '--no-open', '--code-server'], {
    cwd: repoRoot,
    // Its own process group, as a terminal gives a foreground command: Ctrl-C signals the group.
    detached: true,
    env: { ...process.env, MITIGATIONS_START_DIR: sessionDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  starter = child;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const [url] = await waitForLine(child, /http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/, 3 * 60_000);
  const origin = new URL(url).origin;
  assert.equal((await fetch(`${origin}/healthz`)).ok, true, '/healthz answers');
  assert.equal(new URL(url).searchParams.get('folder'), join(repoRoot, 'examples'));

  const { context, page } = await launchBrowser(sessionDir);
  let seen: ProcessInfo[];
  try {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The example file named in the URL is open...
    await page.locator('.monaco-editor .view-lines:has-text("A complete quarantine workflow")').waitFor({ timeout: 60_000 });
    // ...the extension activated and connected to the bundled emulator (beaker icon, "Emulator").
    const status = page.locator(`${CONNECTION_STATUS}:has(.codicon-beaker)`);
    await status.waitFor({ timeout: 60_000 });
    assert.match(await status.innerText(), /Emulator/);

    seen = descendants(child.pid!);
    const commands = seen.map((info) => info.command);
    assert.ok(commands.some((command) => command.includes('code-server')), `code-server runs:\n${commands.join('\n')}`);
    assert.ok(commands.some((command) => command.includes('build.mjs --watch')), 'the esbuild watcher runs');
    const emulator = seen.find((info) => /dist\/emulator\.js .*--seed demo/.test(info.command));
    assert.ok(emulator, `the extension started the bundled emulator with the demo fleet:\n${commands.join('\n')}`);
    const server = seen.find((info) => info.command.includes('dist/server.js'));
    assert.ok(server, 'the language server runs (a mitigation file is open)');
    // The extension is the working tree itself (a symlink), so a rebuild shows after a reload.
    const serverScript = server.command.split(' ').find((part) => part.endsWith('dist/server.js'))!;
    assert.equal(realpathSync(serverScript), join(realpathSync(repoRoot), 'dist', 'server.js'));
  } finally {
    await context.close();
  }

  // Ctrl-C: the terminal sends SIGINT to the foreground process group.
  process.kill(-child.pid!, 'SIGINT');
  const code = await exited;
  assert.equal(code, 130, `start.mjs exits as interrupted; stderr:\n${stderr}`);
  const survivors = seen.filter((info) => isAlive(info.pid));
  assert.deepEqual(survivors.map((info) => `${info.pid} ${info.command}`), [], 'no process start.mjs started outlives it');
});

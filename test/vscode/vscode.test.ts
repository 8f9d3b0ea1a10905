/**
 * node:test entry for the extension-host suite, so `npm test` runs it with everything else:
 * bundles test/vscode, then runs the suite in code-server + Chromium (runCodeServer.ts).
 * Needs `npm run build` first (npm test's pretest does it) and `npm run setup` once.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const repoRoot = join(__dirname, '..', '..');

test('the VS Code suite passes in code-server (a real VS Code)', { timeout: 9 * 60_000 }, () => {
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-vscode-tests.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(build.status, 0, `building the suite failed:\n${build.stdout}${build.stderr}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'runCodeServer.ts')], { cwd: repoRoot, encoding: 'utf8', timeout: 9 * 60_000 - 10_000 });
  const output = `${run.stdout}${run.stderr}`;
  // Mocha's spec report, so the npm test log shows what ran inside VS Code.
  process.stdout.write(`${output.trim()}\n(VS Code suite: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  assert.equal(run.status, 0, 'the extension-host suite failed (report above)');
});

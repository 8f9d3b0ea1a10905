/**
 * Runs the same extension-host Mocha suite in desktop VS Code through @vscode/test-electron.
 * It downloads VS Code, so it needs internet access (not available on the CI machines here,
 * which use runCodeServer.ts). Pass a version as the first argument, e.g. the minimum 1.90.0.
 */
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repoRoot = resolve(__dirname, '..', '..');
  const workspace = join(mkdtempSync(join(tmpdir(), 'mitigations-electron-')), 'workspace');
  cpSync(join(repoRoot, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
  await runTests({
    version: process.argv[2] ?? 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'dist', 'test', 'vscode', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// Runs every test suite in one `node --test` process so the closing summary counts them all.
// Usage: node scripts/test.mjs [folder-or-file ...]   (default: everything under test/)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(path, files) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      if (entry === 'fixtures' || entry === 'node_modules') continue;
      collect(join(path, entry), files);
    }
  } else if (/\.test\.ts$/.test(path)) {
    files.push(path);
  }
  return files;
}

const roots = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = (roots.length ? roots : ['test']).flatMap((root) => collect(root, []));
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);

// Bundles the extension-host test suite (test/vscode) to dist/test/vscode with esbuild:
// index.js (the run() entry point) and one file per suite. `vscode` and `mocha` stay external:
// the host provides the first, node_modules the second (Mocha must be the instance index.js runs).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';

const suites = readdirSync('test/vscode/suite').filter((name) => name.endsWith('.ts')).map((name) => `test/vscode/suite/${name}`);

await esbuild.build({
  entryPoints: ['test/vscode/index.ts', ...suites],
  outbase: 'test/vscode',
  outdir: 'dist/test/vscode',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  // jsonc-parser's UMD main requires its files at run time; its ESM build bundles (as scripts/build.mjs does).
  mainFields: ['module', 'main'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log(`dist/test/vscode: index.js + ${suites.length} suite file(s)`);

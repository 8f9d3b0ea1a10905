// Bundles the four entry points with esbuild. Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entryPoints = {
  extension: 'client/extension.ts',
  server: 'server/main.ts',
  emulator: 'emulator/main.ts',
  cli: 'cli/main.ts',
};

const options = {
  entryPoints,
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  // The AWS SDK ships ES modules; prefer them so unused commands are tree-shaken.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log('esbuild: watching for changes');
} else {
  const result = await esbuild.build(options);
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`${file.padEnd(24)} ${(output.bytes / 1024).toFixed(0).padStart(6)} KiB`);
  }
}

// Bundles the entry points with esbuild. Type-checking is separate (`npm run typecheck`).
// The extension is two bundles: dist/extension.js, loaded at activation, and dist/sdk.js (the AWS
// SDK and everything only a connection needs), which it requires on first use.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entryPoints = {
  extension: 'client/extension.ts',
  sdk: 'client/connection/sdkBundle.ts',
  server: 'server/main.ts',
  emulator: 'emulator/main.ts',
  cli: 'cli/main.ts',
};

/** The lazy module, as the extension's source requires it, and the sibling bundle it becomes. */
const LAZY_BUNDLES = [{ request: './sdkBundle', importer: /client[\\/]connection[\\/]sdkLoader\.ts$/, output: './sdk.js' }];

/** Keeps each lazy module out of dist/extension.js: its require names the bundle next to it. */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdkBundle$/ }, (args) => {
      const lazy = LAZY_BUNDLES.find((bundle) => bundle.request === args.path && bundle.importer.test(args.importer));
      return lazy ? { path: lazy.output, external: true } : undefined;
    });
  },
};

/** Packages activation must not load (reading the profile list is fine): a static import undoes the lazy bundle. */
const NOT_AT_ACTIVATION = /node_modules[\\/](@aws-sdk[\\/]|@aws-crypto[\\/]|@smithy[\\/](?!types[\\/]|shared-ini-file-loader[\\/]|core[\\/]dist-[a-z]+[\\/]submodules[\\/]config[\\/](index\.js$|shared-ini-file-loader[\\/])))/;

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
  plugins: [lazyBundles],
};

function checkActivationBundle(metafile) {
  const inputs = Object.keys(metafile.outputs['dist/extension.js']?.inputs ?? {});
  const eager = inputs.filter((input) => NOT_AT_ACTIVATION.test(input));
  if (eager.length) {
    console.error(`dist/extension.js bundles what only a connection needs (import it through client/connection/sdkLoader.ts):\n  ${eager.slice(0, 10).join('\n  ')}`);
    process.exit(1);
  }
}

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log('esbuild: watching for changes');
} else {
  const result = await esbuild.build(options);
  checkActivationBundle(result.metafile);
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`${file.padEnd(24)} ${(output.bytes / 1024).toFixed(0).padStart(6)} KiB`);
  }
}

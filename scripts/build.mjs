// Bundles the entry points with esbuild. Type-checking is separate (`npm run typecheck`).
// The extension is dist/extension.js, a small entry that loads the extension's bundles with a V8
// code cache (client/shared/model/codeCache.ts), dist/extensionMain.js (activation), and the
// bundles it requires on first use: dist/sdk.js (the AWS SDK), dist/languageClient.js.
import * as esbuild from 'esbuild';

import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeThirdPartyNotices } from './thirdPartyNotices.mjs';
import { oneStsClient, trimAwsSdk } from './trimAwsSdk.mjs';
import { trimLspLibraries } from './trimLspLibraries.mjs';
import { join, relative, resolve, sep } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** `--only cli --outdir DIR`: one bundle elsewhere (test/tooling/package.test.ts packs the CLI so). */
const argument = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const outdir = argument('--outdir') ?? 'dist';
const only = argument('--only')?.split(',');

const allEntryPoints = {
  extension: 'client/extension.ts',
  extensionMain: 'client/extensionMain.ts',
  sdk: 'client/connection/sdkBundle.ts',
  languageClient: 'client/authoring/languageClientBundle.ts',
  server: 'server/main.ts',
  emulator: 'emulator/main.ts',
  cli: 'cli/main.ts',
};
const unknown = only?.filter((name) => !(name in allEntryPoints)) ?? [];
if (unknown.length) {
  console.error(`build: unknown entry ${unknown.join(', ')}; the entries are ${Object.keys(allEntryPoints).join(', ')}`);
  process.exit(2);
}
const entryPoints = only ? Object.fromEntries(only.map((name) => [name, allEntryPoints[name]])) : allEntryPoints;

/** Each module client/lazyBundles.ts requires on first use, and the sibling bundle it becomes. */
const LAZY_BUNDLES = [
  { request: './connection/sdkBundle', entry: 'sdk' },
  { request: './authoring/languageClientBundle', entry: 'languageClient' },
];
const LAZY_LOADER = /client[\\/]lazyBundles\.ts$/;

/** The rehearsal's in-process twin is the emulator: in the extension, dist/sdk.js requires dist/emulator.js. */
const TWIN = /rehearsal[\\/]twin\.ts$/;

/**
 * Keeps each lazy module out of dist/extension.js and the emulator out of dist/sdk.js: each
 * require names the bundle next to it. Only for the extension's bundles: the CLI stands alone.
 */
const siblingBundles = {
  name: 'sibling-bundles',
  setup(build) {
    build.onResolve({ filter: /Bundle$/ }, (args) => {
      const lazy = LAZY_LOADER.test(args.importer) && LAZY_BUNDLES.find((bundle) => bundle.request === args.path);
      return lazy ? { path: `./${lazy.entry}.js`, external: true } : undefined;
    });
    build.onResolve({ filter: /^\.\.\/emulator\/index$/ }, (args) => (TWIN.test(args.importer) ? { path: './emulator.js', external: true } : undefined));
  },
};

/** The extension's own bundles, built with siblingBundles; the others are processes or the CLI. */
const EXTENSION_BUNDLES = ['extension', 'extensionMain', ...LAZY_BUNDLES.map((bundle) => bundle.entry)];

/**
 * What activation must not load: a static import of one of these undoes a lazy bundle. The
 * profile list (@smithy's ini loader) is read by the connection picker and stays.
 */
const NOT_AT_ACTIVATION = [
  /node_modules[\\/](@aws-sdk[\\/]|@aws-crypto[\\/]|@smithy[\\/](?!types[\\/]|shared-ini-file-loader[\\/]|core[\\/]dist-[a-z]+[\\/]submodules[\\/]config[\\/](index\.js$|shared-ini-file-loader[\\/])))/,
  /node_modules[\\/](vscode-languageclient|vscode-languageserver-protocol|vscode-jsonrpc)[\\/]/,
];

const options = {
  outdir,
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

/**
 * Code that several bundles of the .vsix use, shipped once: each bundle requires the shared file
 * next to it instead of carrying its own copy (BENCHMARKS.md "Package"). `owns` says which
 * modules move there; only what a bundle imports from outside them is exported.
 */
const SHARED_BUNDLES = [
  // The domain catalogue and the document model: activation, the SDK bundle, the server and the emulator.
  { entry: 'common', owns: (path) => path.startsWith(join(process.cwd(), 'common') + sep) || /node_modules[\\/]jsonc-parser[\\/]/.test(path), filter: /(^|[\\/])common([\\/]|$)|^jsonc-parser$/ },
  // The LSP protocol and JSON-RPC: the language client (in the extension host) and the server.
  { entry: 'protocol', owns: (path) => /node_modules[\\/]vscode-(jsonrpc|languageserver-protocol|languageserver-types)[\\/]/.test(path), filter: /^vscode-(jsonrpc|languageserver-protocol|languageserver-types)(\/|$)/ },
];

/** How a shared bundle names a module: its path in the repository or in node_modules. */
const memberKey = (path) => (path.includes('node_modules') ? path.slice(path.lastIndexOf(`node_modules${sep}`) + 'node_modules'.length + 1) : relative(process.cwd(), path)).split(sep).join('/');

/** For each shared bundle, the modules the bundles built with sharedModules import from it (path → key). */
const sharedMembers = new Map(SHARED_BUNDLES.map((shared) => [shared.entry, new Map()]));

/** In a bundle of the .vsix, an import of a shared module becomes a property of the shared bundle. */
const sharedModules = {
  name: 'shared-modules',
  setup(build) {
    for (const shared of SHARED_BUNDLES) {
      const namespace = `shared-${shared.entry}`;
      build.onResolve({ filter: shared.filter }, async (args) => {
        if (args.pluginData?.resolvingShared || shared.owns(args.importer)) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolvingShared: true } });
        if (resolved.errors.length > 0 || !shared.owns(resolved.path)) return resolved.errors.length > 0 ? { errors: resolved.errors } : undefined;
        const key = memberKey(resolved.path);
        sharedMembers.get(shared.entry).set(resolved.path, key);
        return { path: key, namespace };
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => ({ contents: `module.exports = require(${JSON.stringify(`./${shared.entry}.js`)})[${JSON.stringify(args.path)}];`, loader: 'js' }));
      build.onResolve({ filter: /^\.\/[a-zA-Z]+\.js$/, namespace }, (args) => ({ path: args.path, external: true }));
    }
  },
};

/**
 * The shared bundle itself: the members' exports, keyed as sharedModules names them. Each is a
 * getter, so a member runs when a bundle first imports it, as it did inside that bundle: the
 * extension does not run at activation what only the server or the emulator uses.
 */
function sharedBuild(shared) {
  const members = [...sharedMembers.get(shared.entry)].sort(([, a], [, b]) => a.localeCompare(b));
  const contents = `module.exports = {\n${members.map(([path, key]) => `  get ${JSON.stringify(key)}() { return require(${JSON.stringify(path)}); },`).join('\n')}\n};\n`;
  return { ...options, entryPoints: undefined, stdin: { contents, resolveDir: process.cwd(), sourcefile: `${shared.entry}-bundle.js`, loader: 'js' }, outfile: join(outdir, `${shared.entry}.js`), outdir: undefined, plugins: [trimAwsSdk] };
}

const pick = (names) => Object.fromEntries(Object.entries(entryPoints).filter(([name]) => names(name)));
/** The .vsix's code; the CLI (the npm package) stands alone, so it shares nothing. */
const VSIX_BUNDLES = ['extension', 'extensionMain', 'sdk', 'languageClient', 'server', 'emulator'];
// Watching rebuilds each bundle alone, so there each one keeps its own copy of the shared code.
const sharing = watch ? [] : [sharedModules];
const builds = [
  // No import(): client/shared/model/codeCache.ts runs these bundles as vm scripts, where import() needs an experimental loader (and fails from cached data on Node 20); esbuild writes require() instead.
  { ...options, supported: { 'dynamic-import': false }, entryPoints: pick((name) => EXTENSION_BUNDLES.includes(name)), plugins: [siblingBundles, ...sharing, oneStsClient, trimAwsSdk, trimLspLibraries] },
  { ...options, entryPoints: pick((name) => VSIX_BUNDLES.includes(name) && !EXTENSION_BUNDLES.includes(name)), plugins: [...sharing, trimAwsSdk, trimLspLibraries] },
  { ...options, entryPoints: pick((name) => !VSIX_BUNDLES.includes(name)), plugins: [trimAwsSdk] },
].filter((build) => Object.keys(build.entryPoints).length > 0);

/** What the entry (dist/extension.js, compiled by VS Code without a code cache) may hold: itself and the loader. */
const ENTRY_INPUTS = [/^client[\\/]extension\.ts$/, /^client[\\/]shared[\\/]model[\\/]codeCache\.ts$/];

function checkActivationBundle(metafile) {
  const output = (name) => Object.entries(metafile.outputs).find(([file]) => resolve(file) === resolve(outdir, name))?.[1];
  // Activation loads the entry, the extension's main bundle and the shared domain code (dist/common.js).
  const inputs = ['extension.js', 'extensionMain.js', 'common.js'].flatMap((name) => Object.keys(output(name)?.inputs ?? {}));
  const eager = inputs.filter((input) => NOT_AT_ACTIVATION.some((pattern) => pattern.test(input)));
  if (eager.length) {
    console.error(`the bundles activation loads (dist/extension.js, extensionMain.js, common.js) hold what should load on first use (through client/lazyBundles.ts):\n  ${eager.slice(0, 10).join('\n  ')}`);
    process.exit(1);
  }
  const heavyEntry = Object.keys(output('extension.js')?.inputs ?? {}).filter((input) => !ENTRY_INPUTS.some((pattern) => pattern.test(input)));
  if (heavyEntry.length) {
    console.error(`dist/extension.js must stay the small entry that loads dist/extensionMain.js; it bundles:\n  ${heavyEntry.slice(0, 10).join('\n  ')}`);
    process.exit(1);
  }
}

/**
 * The JSON Schema VS Code validates mitigation files with (package.json `jsonValidation`), as the
 * .vsix ships it: schemas/mitigation.schema.json without its indentation (177 → 138 KB, 2 KB less
 * in the .vsix) and without the plain `description` and `enumDescriptions` where the Markdown
 * ones are there (138 → 113 KB, 2 KB less): VS Code's JSON language features read the Markdown
 * ones when they exist. The repository keeps the full readable one, which `$schema` links name.
 */
function writeShippedSchema() {
  mkdirSync(outdir, { recursive: true });
  const schema = JSON.parse(readFileSync(new URL('../schemas/mitigation.schema.json', import.meta.url), 'utf8'));
  writeFileSync(join(outdir, 'mitigation.schema.json'), JSON.stringify(withoutPlainTwins(schema)));
}

function withoutPlainTwins(value) {
  if (Array.isArray(value)) return value.map(withoutPlainTwins);
  if (typeof value !== 'object' || value === null) return value;
  const out = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === 'description' && typeof value.markdownDescription === 'string') continue;
    if (key === 'enumDescriptions' && Array.isArray(value.markdownEnumDescriptions)) continue;
    out[key] = withoutPlainTwins(member);
  }
  return out;
}
if ('extension' in entryPoints) writeShippedSchema();

if (watch) {
  for (const build of builds) await (await esbuild.context(build)).watch();
  console.log('esbuild: watching for changes');
} else {
  const bundles = await Promise.all(builds.map((build) => esbuild.build(build)));
  // The shared bundles last: they export what the others turned out to import.
  const shared = await Promise.all(SHARED_BUNDLES.filter((bundle) => sharedMembers.get(bundle.entry).size > 0).map((bundle) => esbuild.build(sharedBuild(bundle))));
  const results = [...bundles, ...shared];
  const outputs = Object.assign({}, ...results.map((result) => result.metafile.outputs));
  checkActivationBundle({ outputs });
  // `--metafile FILE`: what each bundle is made of, for `node scripts/bundle-composition.mjs FILE`.
  const metafile = argument('--metafile');
  if (metafile) writeFileSync(metafile, JSON.stringify({ inputs: Object.assign({}, ...results.map((result) => result.metafile.inputs)), outputs }));
  // The licences of the bundled packages (the bundles drop legal comments): the .vsix and the npm package ship this file.
  writeThirdPartyNotices(outputs, join(outdir, 'THIRD-PARTY-NOTICES.txt'));
  // The npm package's bin: npm links it as is, so it must run by itself.
  if ('cli' in entryPoints) chmodSync(join(outdir, 'cli.js'), 0o755);
  for (const [file, output] of Object.entries(outputs)) {
    // On stderr, like esbuild's own log: `npm pack --json` (prepack builds the CLI) keeps a clean stdout.
    if (file.endsWith('.js')) console.error(`${file.padEnd(24)} ${(output.bytes / 1024).toFixed(0).padStart(6)} KiB`);
  }
}

// esbuild plugins that keep out of dist/languageClient.js and dist/server.js the parts of the LSP
// libraries the extension never runs (BENCHMARKS.md "Package"). Both libraries are CommonJS, so
// esbuild keeps every module they require: the client requires and registers every LSP feature,
// also the ones our server does not offer (the notebook and pull-diagnostic features were a
// fifth of it), and the server's connection mixes in an API for each.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Each feature module of vscode-languageclient/lib/common the build leaves out, with the server
 * capability that would need it (test/tooling/bundles.test.ts checks that the language server
 * announces none of them). A client feature only acts once the server announces its capability
 * or registers it at run time, and our server registers nothing at run time.
 */
export const UNUSED_LANGUAGE_FEATURES = {
  signatureHelp: 'signatureHelpProvider',
  documentHighlight: 'documentHighlightProvider',
  workspaceSymbol: 'workspaceSymbolProvider',
  documentLink: 'documentLinkProvider',
  executeCommand: 'executeCommandProvider',
  typeDefinition: 'typeDefinitionProvider',
  implementation: 'implementationProvider',
  colorProvider: 'colorProvider',
  declaration: 'declarationProvider',
  callHierarchy: 'callHierarchyProvider',
  semanticTokens: 'semanticTokensProvider',
  linkedEditingRange: 'linkedEditingRangeProvider',
  fileOperations: 'workspace.fileOperations',
  typeHierarchy: 'typeHierarchyProvider',
  inlineValue: 'inlineValueProvider',
  diagnostic: 'diagnosticProvider',
  notebook: 'notebookDocumentSync',
  inlineCompletion: 'inlineCompletionProvider',
};

/**
 * Each feature module of vscode-languageserver/lib/common the build leaves out, with the members
 * its mixin adds to the connection (`connection.languages.semanticTokens`, …): none of them is
 * used by server/ (test/tooling/bundles.test.ts reads its sources), and the build fails if a
 * mixin's members are no longer these.
 */
export const UNUSED_SERVER_FEATURES = {
  callHierarchy: ['callHierarchy'],
  semanticTokens: ['semanticTokens'],
  showDocument: ['showDocument'],
  fileOperations: ['onDidCreateFiles', 'onDidRenameFiles', 'onDidDeleteFiles', 'onWillCreateFiles', 'onWillRenameFiles', 'onWillDeleteFiles'],
  linkedEditingRange: ['onLinkedEditingRange'],
  typeHierarchy: ['typeHierarchy'],
  inlineValue: ['inlineValue'],
  diagnostic: ['diagnostics'],
  notebook: ['synchronization'],
  moniker: ['moniker'],
  'inlineCompletion.proposed': ['inlineCompletion'],
};

const here = fileURLToPath(new URL('.', import.meta.url));
const CARET_SEMVER = join(here, 'caretSemver.cjs');
const escape = (name) => name.replace(/\./g, '\\.');
const LIBRARIES = [
  { library: 'vscode-languageclient', unused: UNUSED_LANGUAGE_FEATURES, stub: unusedClientModule },
  { library: 'vscode-languageserver', unused: UNUSED_SERVER_FEATURES, stub: unusedServerModule },
].map((entry) => ({
  ...entry,
  importer: new RegExp(`node_modules[\\\\/]${entry.library}[\\\\/]lib[\\\\/]common[\\\\/][\\w.]+\\.js$`),
  request: new RegExp(`^\\./(${Object.keys(entry.unused).map(escape).join('|')})$`),
}));
/** The version check of the client library's node entry, the one use of semver in the bundle. */
const VERSION_CHECK = /node_modules[\\/]vscode-languageclient[\\/]lib[\\/]node[\\/]main\.js$/;

/** The names a left-out module exported, from the `exports.A = exports.B = void 0;` TypeScript writes first. */
function exportedNames(library, name, source) {
  const names = /^exports\.([\w$]+(?: = exports\.[\w$]+)*) = void 0;$/m.exec(source)?.[1].split(' = exports.');
  if (!names) throw new Error(`trim-lsp-libraries: ${library}'s ${name}.js no longer starts with its exports; scripts/trimLspLibraries.mjs must learn its new shape`);
  return names;
}

/** What every stand-in requires: the do-nothing client feature, and members that throw when read. */
const UNUSED_MODULE = `exports.UnusedFeature = class UnusedFeature { fillClientCapabilities() {} initialize() {} clear() {} getState() { return { kind: "static" }; } };
exports.notBundled = (target, names, library) => { for (const name of names) Object.defineProperty(target, name, { enumerable: true, get() { throw new Error(name + " of " + library + " is not bundled (scripts/trimLspLibraries.mjs)"); } }); };
`;
const REQUIRE_UNUSED = 'const { UnusedFeature, notBundled } = require("lsp-unused");';
const notBundledExports = (names, library) => (names.length > 0 ? [`notBundled(exports, ${JSON.stringify(names)}, ${JSON.stringify(library)});`] : []);

/**
 * A client feature module's stand-in: each `…Feature` class is a feature that announces nothing
 * and does nothing, so the client still constructs and registers it; anything else the module
 * exported (the pull-diagnostic enums) throws when read.
 */
function unusedClientModule(name, source) {
  const exported = exportedNames('vscode-languageclient', name, source);
  return [
    REQUIRE_UNUSED,
    ...exported.filter((symbol) => symbol.endsWith('Feature')).map((symbol) => `exports.${symbol} = class ${symbol} extends UnusedFeature {};`),
    ...notBundledExports(exported.filter((symbol) => !symbol.endsWith('Feature')), 'vscode-languageclient'),
  ].join('\n');
}

/**
 * A server feature module's stand-in: its mixin adds to the connection only members that throw
 * when used, saying why; anything else it exported (NotebookDocuments, SemanticTokensBuilder)
 * throws when read.
 */
function unusedServerModule(name, source) {
  const exported = exportedNames('vscode-languageserver', name, source);
  const members = [...source.matchAll(/^ {8}(?:get )?(\w+)\(/gm)].map(([, member]) => member).filter((member) => member !== 'constructor');
  const expected = UNUSED_SERVER_FEATURES[name];
  const mixins = exported.filter((symbol) => symbol.endsWith('Feature'));
  if (mixins.length !== 1 || members.slice(0, expected.length).join() !== expected.join()) {
    throw new Error(`trim-lsp-libraries: vscode-languageserver's ${name}.js adds ${members.join(', ')} through ${mixins.join(', ')}, not ${expected.join(', ')}; update UNUSED_SERVER_FEATURES`);
  }
  return [
    REQUIRE_UNUSED,
    `exports.${mixins[0]} = (Base) => { const Unused = class extends Base {}; notBundled(Unused.prototype, ${JSON.stringify(expected)}, "vscode-languageserver (connection)"); return Unused; };`,
    ...notBundledExports(exported.filter((symbol) => symbol !== mixins[0]), 'vscode-languageserver'),
  ].join('\n');
}

export const trimLspLibraries = {
  name: 'trim-lsp-libraries',
  setup(build) {
    // The path names the module (the metafile and bundle-composition.mjs show it so); pluginData has the file left out.
    for (const { library, importer, request } of LIBRARIES) {
      build.onResolve({ filter: request }, (args) =>
        importer.test(args.importer) ? { path: `${library}/${args.path.slice(2)}`, namespace: 'unused-lsp-feature', pluginData: { library, file: join(args.resolveDir, `${args.path.slice(2)}.js`) } } : undefined);
    }
    build.onResolve({ filter: /^lsp-unused$/ }, (args) => (args.namespace === 'unused-lsp-feature' ? { path: args.path, namespace: 'unused-lsp-feature' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'unused-lsp-feature' }, async (args) => {
      if (!args.pluginData) return { contents: UNUSED_MODULE, loader: 'js' };
      const { stub } = LIBRARIES.find((entry) => entry.library === args.pluginData.library);
      return { contents: stub(basename(args.path), await readFile(args.pluginData.file, 'utf8')), loader: 'js' };
    });
    // semver (20 KB minified) serves one check, that VS Code meets the client library's caret range.
    build.onResolve({ filter: /^semver\/functions\/(parse|satisfies)$/ }, (args) => (VERSION_CHECK.test(args.importer) ? { path: args.path, namespace: 'caret-semver', pluginData: { importer: args.importer } } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'caret-semver' }, async (args) => {
      if (!/^const REQUIRED_VSCODE_VERSION = '\^\d+\.\d+\.\d+';/m.test(await readFile(args.pluginData.importer, 'utf8'))) throw new Error('trim-lsp-libraries: vscode-languageclient no longer requires a caret range of VS Code versions; scripts/caretSemver.cjs handles only those');
      return { contents: `module.exports = require(${JSON.stringify(CARET_SEMVER)}).${args.path.split('/').pop()};`, loader: 'js', resolveDir: here };
    });
  },
};

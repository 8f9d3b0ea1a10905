// An esbuild plugin that keeps out of dist/languageClient.js the parts of vscode-languageclient
// the extension never runs (BENCHMARKS.md "Package"). The library is CommonJS, so esbuild keeps
// every module it requires: its client requires and registers every LSP feature, also the ones
// our server does not offer, and the notebook and pull-diagnostic features are a fifth of it.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * Each feature module of vscode-languageclient/lib/common the build leaves out, with the server
 * capability that would need it (test/tooling/languageClientTrim.test.ts checks that the
 * language server announces none of them). A feature only acts once the server announces its
 * capability or registers it at run time, and our server registers nothing at run time.
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

const LIBRARY_MODULE = /node_modules[\\/]vscode-languageclient[\\/]lib[\\/]common[\\/][\w.]+\.js$/;
const UNUSED_REQUEST = new RegExp(`^\\./(${Object.keys(UNUSED_LANGUAGE_FEATURES).join('|')})$`);
/** The version check of the library's node client, the one use of semver in the bundle. */
const VERSION_CHECK = /node_modules[\\/]vscode-languageclient[\\/]lib[\\/]node[\\/]main\.js$/;
const CARET_SEMVER = join(import.meta.dirname, 'caretSemver.cjs');

/**
 * The module that stands for an unused feature module: each `…Feature` class it exported is a
 * feature that announces nothing and does nothing, so the client still constructs and registers
 * it; anything else it exported (the pull-diagnostic enums) throws when read.
 */
function unusedFeatureModule(name, source) {
  const exported = /^exports\.([\w$]+(?: = exports\.[\w$]+)*) = void 0;$/m.exec(source)?.[1].split(' = exports.');
  if (!exported) throw new Error(`trim-language-client: vscode-languageclient's ${name}.js no longer starts with its exports; scripts/trimLanguageClient.mjs must learn its new shape`);
  const features = exported.filter((symbol) => symbol.endsWith('Feature'));
  const others = exported.filter((symbol) => !symbol.endsWith('Feature'));
  return [
    `// vscode-languageclient's ${name}.js, left out by scripts/trimLanguageClient.mjs: the server does not offer ${UNUSED_LANGUAGE_FEATURES[name]}.`,
    'class UnusedFeature { fillClientCapabilities() {} initialize() {} clear() {} getState() { return { kind: "static" }; } }',
    ...features.map((symbol) => `exports.${symbol} = class ${symbol} extends UnusedFeature {};`),
    ...others.map((symbol) => `Object.defineProperty(exports, ${JSON.stringify(symbol)}, { enumerable: true, get() { throw new Error(${JSON.stringify(`${symbol} of vscode-languageclient is not bundled (scripts/trimLanguageClient.mjs)`)}); } });`),
  ].join('\n');
}

export const trimLanguageClient = {
  name: 'trim-language-client',
  setup(build) {
    // The path names the module (the metafile and bundle-composition.mjs show it so); pluginData has the file left out.
    build.onResolve({ filter: UNUSED_REQUEST }, (args) =>
      LIBRARY_MODULE.test(args.importer) ? { path: `vscode-languageclient/${args.path.slice(2)}`, namespace: 'unused-lsp-feature', pluginData: { file: join(args.resolveDir, `${args.path.slice(2)}.js`) } } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'unused-lsp-feature' }, async (args) => ({ contents: unusedFeatureModule(basename(args.path), await readFile(args.pluginData.file, 'utf8')), loader: 'js' }));
    // semver (20 KB minified) serves one check, that VS Code meets the library's caret range.
    build.onResolve({ filter: /^semver\/functions\/(parse|satisfies)$/ }, (args) => (VERSION_CHECK.test(args.importer) ? { path: args.path, namespace: 'caret-semver', pluginData: { importer: args.importer } } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'caret-semver' }, async (args) => {
      if (!/^const REQUIRED_VSCODE_VERSION = '\^\d+\.\d+\.\d+';/m.test(await readFile(args.pluginData.importer, 'utf8'))) throw new Error("trim-language-client: vscode-languageclient no longer requires a caret range of VS Code versions; scripts/caretSemver.cjs handles only those");
      return { contents: `module.exports = require(${JSON.stringify(CARET_SEMVER)}).${args.path.split('/').pop()};`, loader: 'js', resolveDir: import.meta.dirname };
    });
  },
};

// ESLint flat config, as in vscode-extension-samples, plus the layering of the source folders.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's own modules, in both spellings (`node:fs`, `fs`). */
const NODE = 'node builtins';

/**
 * The layering: which top-level folders and which packages the code in each folder may import.
 * A layer's own folder is always allowed; anything not listed is an error. docs/architecture.md
 * shows this table (test/tooling/layering.test.ts keeps the two equal and proves every rule fires).
 * `files` narrows a layer to some files of its folder; a later layer wins over an earlier one.
 */
export const LAYERS = [
  {
    name: 'common',
    folder: 'common',
    folders: [],
    packages: ['jsonc-parser'],
    why: 'shared by every host (extension, language server, emulator, CLI), so it uses no editor, no LSP library, no Node I/O and no AWS SDK: the document model speaks offsets and paths, and the server turns them into LSP types',
  },
  {
    name: 'server',
    folder: 'server',
    folders: ['common'],
    packages: ['jsonc-parser', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver-protocol', 'vscode-languageserver-textdocument', NODE],
    why: 'the language server serves any editor over LSP: no VS Code API, and no AWS SDK (the extension sends account data over LSP)',
  },
  {
    name: 'emulator',
    folder: 'emulator',
    folders: ['common'],
    packages: [NODE],
    why: 'the emulator plays AWS IoT over HTTP for any SDK, so it imports none of its clients',
  },
  {
    name: 'rehearsal',
    folder: 'rehearsal',
    folders: ['common', 'emulator'],
    packages: ['@aws-sdk/client-iot', NODE],
    why: 'the rehearsal runs from the CLI and from the extension alike, so it uses no VS Code API',
  },
  {
    name: 'cli',
    folder: 'cli',
    folders: ['common', 'server', 'emulator', 'rehearsal'],
    packages: ['vscode-languageserver-protocol', 'vscode-languageserver-textdocument', '@aws-sdk/client-iot', NODE],
    why: 'the command line composes the server, the emulator and the rehearsal, and runs without VS Code',
  },
  {
    name: 'client',
    folder: 'client',
    folders: ['common', 'rehearsal'],
    packages: ['vscode', 'vscode-languageclient/node', '@aws-sdk/client-iot', '@aws-sdk/client-sts', '@smithy/shared-ini-file-loader', NODE],
    why: 'the extension reaches the language server over LSP and the emulator as a child process, never by importing them',
  },
  {
    name: 'client model',
    folder: 'client',
    // The extension's VS Code-free files, tested in plain Node by test/client.
    files: ['client/**/model/**'],
    folders: ['common', 'rehearsal'],
    packages: ['@aws-sdk/client-iot', '@aws-sdk/client-sts', '@smithy/shared-ini-file-loader', NODE],
    why: 'the extension\'s models, plans and renderers are tested in plain Node (test/client), so they never import `vscode`',
  },
];

/** Folders deep enough for every source file; test/tooling/layering.test.ts checks that none is deeper. */
export const MAX_DEPTH = 6;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function allowedPackages(layer) {
  return layer.packages.flatMap((name) => (name === NODE ? ['node:.+', ...builtinModules.map(escape)] : [escape(name)]));
}

/**
 * The import sources a file of `layer` at `depth` folders below the root may not use: a bare
 * name outside its packages, or a relative path that climbs to the root (`../` × depth) and goes
 * on into a folder outside its folders.
 */
export function forbiddenSources(layer, depth) {
  const folders = [layer.folder, ...layer.folders].map(escape).join('|');
  return {
    packages: `^(?![./])(?!(?:${allowedPackages(layer).join('|')})$)`,
    folders: `^(?:\\.\\./){${depth}}(?!(?:${folders})(?:/|$))`,
  };
}

function layerMessage(layer) {
  const folders = layer.folders.length ? layer.folders.map((folder) => `${folder}/`).join(', ') : 'no other folder';
  return `${layer.name} may import ${folders} and the packages ${layer.packages.join(', ')}: ${layer.why}. See docs/architecture.md.`;
}

/** `import()` and `require()` with a literal source, which no-restricted-imports does not see. */
function dynamicImportSelectors(pattern) {
  // esquery regexes end at the first slash: spell it \x2F.
  const regex = `/${pattern.replaceAll('/', '\\x2F')}/`;
  return [`ImportExpression > Literal.source[value=${regex}]`, `CallExpression[callee.name="require"] > Literal.arguments[value=${regex}]`];
}

function layerConfigs(layer) {
  const message = layerMessage(layer);
  return Array.from({ length: MAX_DEPTH }, (_, index) => {
    const depth = index + 1;
    const atDepth = `${'*/'.repeat(depth)}*`;
    const sources = forbiddenSources(layer, depth);
    return {
      name: `layering/${layer.name}/depth-${depth}`,
      files: (layer.files ?? [`${layer.folder}/**`]).map((glob) => [glob, atDepth]),
      rules: {
        '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
          { regex: sources.packages, message },
          { regex: sources.folders, message },
        ] }],
        'no-restricted-syntax': ['error', ...[sources.packages, sources.folders].flatMap(dynamicImportSelectors).map((selector) => ({ selector, message }))],
      },
    };
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'examples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-throw-literal': 'error',
    },
  },
  ...LAYERS.flatMap(layerConfigs),
);

/**
 * The layering rules of eslint.config.mjs, run through ESLint's own Node API on small files placed
 * where the rules apply: each forbidden import is an error, the allowed ones at the same path
 * pass, every source file of a layer is under its rule, and docs/architecture.md shows the table.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { ESLint, type Linter } from 'eslint';

const repoRoot = join(__dirname, '..', '..');
const RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']);
const TOP_FOLDERS = ['common', 'server', 'emulator', 'rehearsal', 'cli', 'client', 'test', 'bench', 'scripts'];

interface Layer {
  readonly name: string;
  readonly folder: string;
  readonly files?: readonly string[];
  readonly folders: readonly string[];
  readonly packages: readonly string[];
  readonly why: string;
}

interface LayeringConfig {
  readonly LAYERS: readonly Layer[];
  readonly MAX_DEPTH: number;
}

let eslint: ESLint;
let config: LayeringConfig;

before(async () => {
  eslint = new ESLint({ cwd: repoRoot });
  config = (await import(pathToFileURL(join(repoRoot, 'eslint.config.mjs')).href)) as LayeringConfig;
});

/** The layering errors ESLint reports for `code` as the file `path`; a parse error fails the test. */
async function layeringErrors(path: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path) });
  const fatal = result.messages.filter((message) => message.ruleId === null);
  assert.deepEqual(fatal, [], `${path} parses`);
  return result.messages.filter((message) => message.ruleId !== null && RULES.has(message.ruleId));
}

async function assertForbidden(path: string, code: string): Promise<void> {
  const errors = await layeringErrors(path, code);
  assert.equal(errors.length, 1, `${path}: ${code} is a layering error (got ${JSON.stringify(errors.map((error) => error.message))})`);
  assert.equal(errors[0].severity, 2);
  assert.match(errors[0].message, /See docs\/architecture\.md/);
}

async function assertAllowed(path: string, code: string): Promise<void> {
  assert.deepEqual((await layeringErrors(path, code)).map((error) => error.message), [], `${path}: ${code} is allowed`);
}

/** The relative source from a file `depth` folders deep to `target` (a path from the root). */
const fromDepth = (depth: number, target: string) => `${'../'.repeat(depth)}${target}`;

/**
 * Imports by the file they are written in: `✗` must be a layering error, `✓` must pass, one import
 * a line and each line one test; `#` starts a remark.
 */
const CASES = `
common/x.ts
  ✗ import * as vscode from 'vscode';
  ✗ import type { TextDocument } from 'vscode';
  ✗ import { createConnection } from 'vscode-languageserver/node';
  ✗ import { createProtocolConnection } from 'vscode-languageserver-protocol/node';
  ✗ import { readFileSync } from 'node:fs';
  ✗ import { createServer } from 'http';
  ✗ import { spawn } from 'node:child_process';
  ✗ import { IoTClient } from '@aws-sdk/client-iot';
  ✗ import { getLanguageService } from '../server/service/languageService';
  ✗ import { startEmulator } from '../emulator/index';
  ✗ export { ConnectionManager } from '../client/connection/connectionManager';
  ✗ export const load = () => import('vscode');
  ✓ import { parseTree } from 'jsonc-parser';
  ✗ import { TextDocument } from 'vscode-languageserver-textdocument';
  ✗ import type { Diagnostic } from 'vscode-languageserver-protocol';
  ✓ import { ACTION_TYPES } from './actionTypes';
common/deeper/x.ts
  ✗ import { getLanguageService } from '../../server/service/languageService';
  ✓ import { ACTION_TYPES } from '../actionTypes';
server/x.ts
  ✗ import { ConnectionManager } from '../client/connection/connectionManager';
  ✗ import * as vscode from 'vscode';
  ✗ import { LanguageClient } from 'vscode-languageclient/node';
  ✗ export const load = () => import('../client/extension');
  ✓ import { createConnection } from 'vscode-languageserver/node';
  ✓ import { readFile } from 'node:fs/promises';
server/service/x.ts
  ✗ import { treeModel } from '../../client/shared/model/treeModel';
  ✗ import { startEmulator } from '../../emulator/index';
  ✓ import { ACTION_TYPES } from '../../common/actionTypes';
  ✓ import { keyRole } from '../documentShapes';
emulator/x.ts
  ✗ import { getLanguageService } from '../server/service/languageService';
  ✗ import * as vscode from 'vscode';
  ✗ import { createConnection } from 'vscode-languageserver';
  ✗ import { IoTClient } from '@aws-sdk/client-iot';
  ✓ import { createServer } from 'node:http';
emulator/ops/x.ts
  # ../http/server is the emulator's own HTTP server; ../../server/… is the language server.
  ✗ import { feedback } from '../../client/shared/feedback';
  ✗ import { startServer } from '../../server/server';
  ✓ import { AUDIT_CHECKS } from '../../common/auditChecks';
  ✓ import { startEmulator } from '../http/server';
cli/x.ts
  ✗ import * as vscode from 'vscode';
  ✗ export const vscode = require('vscode');
  ✗ import { api } from '../client/mitigationsExtension';
  ✗ import { preview } from '../client/tasks/model/preview';
  ✓ import { startServer } from '../server/server';
  ✓ export const load = () => import('../emulator/cli');
rehearsal/x.ts
  ✗ import * as vscode from 'vscode';
  ✗ import { renderRehearsalHtml } from '../client/rehearsal/model/reportHtml';
  ✓ import { startEmulator } from '../emulator/index';
  ✓ import { IoTClient } from '@aws-sdk/client-iot';
client/x.ts
  ✗ import { startEmulator } from '../emulator/index';
  ✓ import { LanguageClient } from 'vscode-languageclient/node';
  ✓ import { rehearse } from '../rehearsal/index';
client/tasks/x.ts
  ✗ import { startServer } from '../../server/server';
  ✓ import * as vscode from 'vscode';
  ✓ import { preview } from './model/preview';
client/tasks/model/x.ts
  ✗ import * as vscode from 'vscode';
  ✗ import { LanguageClient } from 'vscode-languageclient/node';
  ✓ import { ACTION_TYPES } from '../../../common/actionTypes';
  ✓ import { IoTClient } from '@aws-sdk/client-iot';
client/shared/model/x.ts
  ✗ import type * as vscode from 'vscode';
client/connection/model/sdkResolution.ts
  ✗ import * as vscode from 'vscode';
# Tests, benchmarks and scripts are not layers.
test/x.test.ts
  ✓ import * as vscode from 'vscode';
bench/x.bench.ts
  ✓ import { startServer } from '../server/server';
`;

describe('the layering rules, on imports written at the paths they match', () => {
  let path = '';
  for (const line of CASES.split('\n').filter((text) => text.trim() && !text.trim().startsWith('#'))) {
    const verdict = /^ {2}([✗✓]) (.*)$/.exec(line);
    if (!verdict) {
      path = line;
      continue;
    }
    const [, mark, code] = verdict;
    const file = path;
    it(`${file}: ${mark} ${code}`, () => (mark === '✗' ? assertForbidden(file, code) : assertAllowed(file, code)));
  }
});

describe('every layer of the table, at every depth its files have', () => {
  /** Depths a layer's files sit at: 1 for folder/x.ts, 2 for folder/a/x.ts... (narrowed layers: their own paths). */
  function samplePaths(layer: Layer): string[] {
    if (!layer.files) return [`${layer.folder}/x.ts`, `${layer.folder}/a/x.ts`, `${layer.folder}/a/b/x.ts`];
    return layer.files.map((glob) => glob.replace(/\/\*\*$/, '/x.ts'));
  }

  it('forbids every folder and package not listed, and allows every one listed', async () => {
    for (const layer of config.LAYERS) {
      for (const path of samplePaths(layer)) {
        const depth = path.split('/').length - 1;
        for (const folder of TOP_FOLDERS.filter((name) => name !== layer.folder)) {
          const code = `import { x } from '${fromDepth(depth, `${folder}/x`)}';\nexport { x };`;
          if (layer.folders.includes(folder)) await assertAllowed(path, code);
          else await assertForbidden(path, code);
        }
        await assertAllowed(path, `import { x } from '${fromDepth(depth, `${layer.folder}/x`)}';\nexport { x };`);
        await assertForbidden(path, "import 'left-pad';");
        for (const name of new Set(config.LAYERS.flatMap((other) => other.packages))) {
          const imports = name === 'node builtins' ? ["import 'node:path';", "import 'path';"] : [`import '${name}';`];
          for (const code of imports) {
            if (layer.packages.includes(name)) await assertAllowed(path, code);
            else await assertForbidden(path, code);
          }
        }
      }
    }
  });

  it('covers every source file of every layer folder (none deeper than MAX_DEPTH)', async () => {
    const layerFolders = new Set(config.LAYERS.map((layer) => layer.folder));
    for (const folder of layerFolders) {
      for (const file of sourceFiles(join(repoRoot, folder))) {
        const path = relative(repoRoot, file).split(sep).join('/');
        assert.ok(path.split('/').length - 1 <= config.MAX_DEPTH, `${path} is deeper than MAX_DEPTH (${config.MAX_DEPTH})`);
        const rules = ((await eslint.calculateConfigForFile(file)) as Linter.Config).rules ?? {};
        assert.ok(rules['@typescript-eslint/no-restricted-imports'], `${path} is under a layering rule`);
      }
    }
  });
});

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.[cm]?[jt]s$/.test(entry.name) ? [path] : [];
  });
}

/** The table docs/architecture.md shows between its two markers. */
function renderLayerTable(layers: readonly Layer[]): string {
  const rows = layers.map((layer) => {
    const files = layer.files ? layer.files.map((glob) => `\`${glob}\``).join(', ') : `\`${layer.folder}/\``;
    const folders = layer.folders.length ? layer.folders.map((folder) => `\`${folder}/\``).join(', ') : 'none';
    const packages = layer.packages.map((name) => (name === 'node builtins' ? 'Node built-ins' : `\`${name}\``)).join(', ');
    return `| ${files} | ${folders} | ${packages} | ${layer.why} |`;
  });
  return ['| Files | May import these folders (and their own) | May import these packages | Why |', '|---|---|---|---|', ...rows].join('\n');
}

describe('docs/architecture.md', () => {
  it('shows the table eslint.config.mjs enforces', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'architecture.md'), 'utf8');
    const match = /<!-- layers:start[^>]*-->\n([\s\S]*?)\n<!-- layers:end -->/.exec(doc);
    assert.ok(match, 'docs/architecture.md has the <!-- layers:start --> … <!-- layers:end --> block');
    const expected = renderLayerTable(config.LAYERS);
    assert.equal(match[1], expected, `docs/architecture.md's table differs from eslint.config.mjs's LAYERS; the table should read:\n${expected}`);
  });
});

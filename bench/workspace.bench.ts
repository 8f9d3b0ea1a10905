/**
 * Workspace index benchmark (issue 12): indexing 1,000 mitigation files and a cross-file rename,
 * with the anchor measured in the same run: jsonc-parser's parseTree over the same texts, the
 * least any index must do.
 *   npx tsx --expose-gc bench/workspace.bench.ts [--files N] [--runs N]
 * Each file defines a few actions; every task file uses one shared action, so the rename of that
 * action edits every file.
 */
import { performance } from 'node:perf_hooks';
import { parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LANGUAGE_ID } from '../common/lspProtocol';
import { getLanguageService } from '../server/service/languageService';
import { WorkspaceIndex } from '../server/service/workspaceIndex';
import { collectGarbage } from './generatedFile';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const FILES = option('files', 1000);
const RUNS = option('runs', 7);
const SHARED_URI = 'file:///bench/shared.mitigation.json';
const SHARED = '{\n  "actions": {\n    "SharedDeactivate": {\n      "roleArn": "arn:aws:iam::123456789012:role/R",\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    }\n  }\n}\n';

function taskFile(i: number): string {
  const actions = Array.from({ length: 3 }, (_, j) => `    "Local${i}x${j}": {\n      "roleArn": "arn:aws:iam::123456789012:role/R",\n      "actionParams": { "publishFindingToSnsParams": { "topicArn": "arn:aws:sns:us-east-1:123456789012:T${j}" } }\n    }`);
  const task = `    "task-${i}": {\n      "target": { "auditTaskId": "a3aea009955e501a31b764abe1bebd3d" },\n      "auditCheckToActionsMapping": {\n        "DEVICE_CERTIFICATE_SHARED_CHECK": ["SharedDeactivate", "Local${i}x0"]\n      }\n    }`;
  return `{\n  "actions": {\n${actions.join(',\n')}\n  },\n  "tasks": {\n${task}\n  }\n}\n`;
}

const files = Array.from({ length: FILES }, (_, i) => ({ uri: `file:///bench/tasks-${i}.mitigation.json`, text: taskFile(i) }));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(work: () => void): number {
  collectGarbage();
  const start = performance.now();
  work();
  return performance.now() - start;
}

const anchor: number[] = [];
const indexing: number[] = [];
const renaming: number[] = [];
let edited = 0;
for (let run = 0; run < RUNS; run++) {
  anchor.push(time(() => {
    for (const file of files) parseTree(file.text, [], { allowTrailingComma: true });
  }));
  const index = new WorkspaceIndex();
  indexing.push(time(() => {
    index.set(SHARED_URI, SHARED);
    for (const file of files) index.set(file.uri, file.text);
  }));
  const service = getLanguageService({ workspace: index });
  const shared = TextDocument.create(SHARED_URI, LANGUAGE_ID, 1, SHARED);
  const at = shared.positionAt(SHARED.indexOf('"SharedDeactivate"') + 3);
  renaming.push(time(() => {
    const edit = service.doRename(shared, at, 'SharedRevoke')!;
    edited = Object.keys(edit.changes!).length;
  }));
}

const kb = files.reduce((sum, file) => sum + file.text.length, 0) / 1024;
const rows = [
  [`Index ${FILES} files (${kb.toFixed(0)} KB)`, median(indexing), median(anchor)],
  [`Rename one action used in all ${FILES} files (${edited} files edited)`, median(renaming), median(anchor)],
] as const;
console.log(`node ${process.version}, ${RUNS} runs, medians; anchor: jsonc-parser parseTree of the same ${FILES} texts`);
console.log('| Case | Time | Anchor (parseTree of all files) | Ratio |');
console.log('|---|---|---|---|');
for (const [name, ms, anchorMs] of rows) console.log(`| ${name} | ${ms.toFixed(1)} ms | ${anchorMs.toFixed(1)} ms | ${(ms / anchorMs).toFixed(2)} |`);

/**
 * Keystroke benchmark (issue 14): how long the language server works between a change to the
 * ~1 MB file and the diagnostics it publishes for it, against vscode-json-languageservice with
 * our schema doing its work for the same edits, in the same run.
 *   npm run build && npx tsx --expose-gc bench/keystroke.bench.ts [--rounds N] [--actions N] [--tasks N]
 *
 * Ours: the built server (dist/server.js --stdio) driven by a real LSP client. Each edit is one
 * didChange; the time until publishDiagnostics for that version, less the server's 300 ms
 * debounce, is what the user waits for after the debounce (the transport included). The server
 * works the diagnostics out while the debounce runs, so that figure hides the work itself: the
 * same edits are also replayed in process through the server's modules (update, re-parse, index,
 * validation), and that time is reported as the work per edit. The edits are what a user
 * does: typing into a role ARN and into a check's action reference (one keystroke each, then as
 * many backspaces), pasting a new action and deleting it again, and renaming an action through
 * textDocument/rename (the rename's edits sent as one change, as an editor applies them).
 * The anchor: vscode-json-languageservice re-parses and re-validates the document on each of the
 * same changes (what its server does after its own debounce); its time is measured in process.
 * Both in-process replays run after the stdio phase, each with a collection before every step.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService as getJsonLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RenameRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LANGUAGE_ID } from '../common/lspProtocol';
import { applyChanges } from '../server/editSpan';
import { OpenDocument } from '../server/openDocument';
import { getLanguageService } from '../server/service/languageService';
import { WorkspaceIndex } from '../server/service/workspaceIndex';
import { GENERATED_ACTIONS as ACTIONS, GENERATED_TASKS as TASKS, collectGarbage, generateFile, option } from './generatedFile';

const ROUNDS = option('rounds', 5);
/** The server's VALIDATION_DELAY_MS (server/server.ts): the quiet time before it validates. */
const DEBOUNCE_MS = 300;
const SERVER = join(__dirname, '..', 'dist', 'server.js');
const URI = 'file:///bench/keystroke.mitigation.json';

interface Sample {
  readonly kind: string;
  /** After the debounce, over stdio. */
  readonly ours: number;
  /** The server's work for the edit, in process. */
  readonly work: number;
  readonly anchor: number;
}

interface Edit {
  readonly kind: string;
  readonly changes: TextDocumentContentChangeEvent[];
  readonly ours: number;
}

/** The server's steps for each didChange and the validation after it (server/server.ts). */
async function replayThroughTheServersModules(text: string, edits: readonly Edit[]): Promise<number[]> {
  const workspace = new WorkspaceIndex();
  const service = getLanguageService({ maxDiagnostics: 1000, workspace });
  let document: TextDocument = OpenDocument.create(URI, LANGUAGE_ID, 1, text);
  workspace.setDocument(service.parse(document));
  await service.doValidation(document);
  const times: number[] = [];
  for (const { changes } of edits) {
    // The server builds the parse tree while idle after publishing; so does the replay.
    service.parse(document).buildTree();
    collectGarbage();
    const start = performance.now();
    const fromVersion = document.version;
    const version = fromVersion + 1;
    // An OpenDocument is updated in place: its version is the new one afterwards.
    const applied = applyChanges(document, changes, version);
    service.noteChanges(URI, fromVersion, version, applied.edits);
    document = applied.document;
    workspace.setDocument(service.parse(document));
    await service.doValidation(document, applied.span);
    times.push(performance.now() - start);
  }
  return times;
}

/** vscode-json-languageservice with our schema: re-parse and re-validate after each change. */
async function replayThroughTheAnchor(text: string, edits: readonly Edit[]): Promise<number[]> {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', 'mitigation.schema.json'), 'utf8')) as JSONSchema;
  const json = getJsonLanguageService({});
  json.configure({ validate: true, allowComments: true, schemas: [{ uri: 'file:///schemas/mitigation.schema.json', fileMatch: ['*.mitigation.json'], schema }] });
  let document = TextDocument.create(URI, LANGUAGE_ID, 1, text);
  const times: number[] = [];
  for (const { changes } of edits) {
    document = TextDocument.update(document, changes, document.version + 1);
    collectGarbage();
    const start = performance.now();
    const parsed = json.parseJSONDocument(document);
    await json.doValidation(document, parsed, { comments: 'ignore', trailingCommas: 'ignore' });
    times.push(performance.now() - start);
  }
  return times;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "npm run build" first.`);
  const text = generateFile(ACTIONS, TASKS);
  const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const waiting = new Map<number, (params: PublishDiagnosticsParams) => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== URI || params.version === undefined) return;
    waiting.get(params.version)?.(params);
    waiting.delete(params.version);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, rename: { prepareSupport: true } } }, workspaceFolders: null });
  await connection.sendNotification(InitializedNotification.type, {});

  let document = TextDocument.create(URI, LANGUAGE_ID, 1, text);
  const published = (version: number) => new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(version, resolve));
  const opened = published(1);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: LANGUAGE_ID, version: 1, text } });
  const first = await opened;

  // The edits are recorded here and replayed in process afterwards, one phase each, so that no
  // measurement pays for another's heap.
  const edits: Edit[] = [];
  let diagnosticsSeen = 0;
  /** One didChange to our server over stdio. */
  async function change(kind: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = document.version + 1;
    document = TextDocument.update(document, changes, version);
    const answer = published(version);
    collectGarbage();
    const start = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version }, contentChanges: changes });
    const diagnostics = await answer;
    edits.push({ kind, changes, ours: performance.now() - start - DEBOUNCE_MS });
    diagnosticsSeen += diagnostics.diagnostics.length;
  }
  const at = (offset: number) => document.positionAt(offset);
  const insert = (offset: number, value: string): TextDocumentContentChangeEvent => ({ range: { start: at(offset), end: at(offset) }, text: value });
  const remove = (offset: number, length: number): TextDocumentContentChangeEvent => ({ range: { start: at(offset), end: at(offset + length) }, text: '' });

  async function typeAndErase(kind: string, offset: number, value: string): Promise<void> {
    for (let i = 0; i < value.length; i++) await change(kind, [insert(offset + i, value[i])]);
    for (let i = value.length; i > 0; i--) await change(kind, [remove(offset + i - 1, 1)]);
  }

  /** Where `searched` is in the text (from `from`), or an error naming it: a bench must not edit elsewhere. */
  const find = (searched: string, from = 0): number => {
    const offset = document.getText().indexOf(searched, from);
    if (offset < 0) throw new Error(`the generated file has no ${searched}`);
    return offset;
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Another action and another task each round, spread over the file, any number of rounds.
    const actionKey = find(`-${(1500 + round * 97) % ACTIONS}": {`);
    // Typing a value: the end of a role ARN's role name.
    const role = find('IoTMitigationRole"', actionKey) + 'IoTMitigationRole'.length;
    await typeAndErase('typing a value', role, '-v2x');
    // Typing in an action reference of a task.
    const task = find(`"task-${(200 + round * 31) % TASKS}": {`);
    const reference = find('"]', task);
    await typeAndErase('typing a reference', reference, 'zzz');
    // Adding an action (a paste) and deleting it again.
    const pasted = `    "pasted-${round}": {\n      "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationRole",\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    },\n`;
    const lineStart = document.getText().lastIndexOf('\n', actionKey) + 1;
    await change('adding an action', [insert(lineStart, pasted)]);
    await change('adding an action', [remove(lineStart, pasted.length)]);
    // Renaming an action used by tasks, and back.
    const referenced = /"(update-device-certificate-\d+)"\]/.exec(document.getText().slice(task))?.[1];
    if (!referenced) throw new Error(`no task from task-${(200 + round * 31) % TASKS} on refers to an update-device-certificate action`);
    for (const [from, to] of [[referenced, `renamed-${round}`], [`renamed-${round}`, referenced]]) {
      const keyOffset = find(`"${from}": {`) + 1;
      const edit = await connection.sendRequest(RenameRequest.type, { textDocument: { uri: URI }, position: at(keyOffset), newName: to });
      const edits: TextEdit[] = edit?.changes?.[URI] ?? [];
      if (edits.length < 2) throw new Error(`renaming ${from} changed ${edits.length} places`);
      const backwards = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
      await change('renaming an action', backwards.map((textEdit) => ({ range: textEdit.range, text: textEdit.newText })));
    }
  }

  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  connection.dispose();

  const work = await replayThroughTheServersModules(text, edits);
  const anchor = await replayThroughTheAnchor(text, edits);
  const samples: Sample[] = edits.map((edit, i) => ({ kind: edit.kind, ours: edit.ours, work: work[i], anchor: anchor[i] }));

  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const rows: [string, Sample[]][] = [['every edit', samples], ...[...new Set(samples.map((s) => s.kind))].map((kind): [string, Sample[]] => [kind, samples.filter((s) => s.kind === kind)])];
  console.log(`File: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${ACTIONS} actions, ${TASKS} tasks; ${edits.length} edits in ${ROUNDS} rounds; ${first.diagnostics.length} diagnostics at open, ${(diagnosticsSeen / samples.length).toFixed(0)} per edit on average; Node ${process.version}`);
  console.log('');
  console.log('| edits | after the debounce p50 | p95 | work per edit p50 | p95 | vscode-json-languageservice p50 | p95 | anchor / ours (p95 after the debounce) | anchor / ours (p95 work) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [label, group] of rows) {
    const [ours, work, anchor] = (['ours', 'work', 'anchor'] as const).map((key) => group.map((s) => s[key]));
    const ratio = (of: number[]) => `${(percentile(anchor, 95) / percentile(of, 95)).toFixed(1)}x`;
    console.log(`| ${label} (${group.length}) | ${ms(percentile(ours, 50))} | ${ms(percentile(ours, 95))} | ${ms(percentile(work, 50))} | ${ms(percentile(work, 95))} | ${ms(percentile(anchor, 50))} | ${ms(percentile(anchor, 95))} | ${ratio(ours)} | ${ratio(work)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  // The server would keep this process alive; it exits when its parent does.
  process.exit(1);
});

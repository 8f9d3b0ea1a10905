/**
 * Keystroke benchmark (issue 14): how long the language server works between a change to the
 * ~1 MB file and the diagnostics it publishes for it, against vscode-json-languageservice with
 * our schema doing its work for the same edits, in the same run.
 *   npm run build && npx tsx --expose-gc bench/keystroke.bench.ts [--rounds N] [--actions N] [--tasks N]
 *
 * Ours: the built server (dist/server.js --stdio) driven by a real LSP client. Each edit is one
 * didChange; the time until publishDiagnostics for that version, less the server's 300 ms
 * debounce, is the work after the debounce (the transport included). The edits are what a user
 * does: typing into a role ARN and into a check's action reference (one keystroke each, then as
 * many backspaces), pasting a new action and deleting it again, and renaming an action through
 * textDocument/rename (the rename's edits sent as one change, as an editor applies them).
 * The anchor: vscode-json-languageservice re-parses and re-validates the document on each of the
 * same changes (what its server does after its own debounce); its time is measured in process.
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
import { GENERATED_ACTIONS as ACTIONS, GENERATED_TASKS as TASKS, generateFile, option } from './generatedFile';

const ROUNDS = option('rounds', 5);
/** The server's VALIDATION_DELAY_MS (server/server.ts): the quiet time before it validates. */
const DEBOUNCE_MS = 300;
const SERVER = join(__dirname, '..', 'dist', 'server.js');
const URI = 'file:///bench/keystroke.mitigation.json';

interface Sample {
  readonly kind: string;
  readonly ours: number;
  readonly anchor: number;
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

  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', 'mitigation.schema.json'), 'utf8')) as JSONSchema;
  const json = getJsonLanguageService({});
  json.configure({ validate: true, allowComments: true, schemas: [{ uri: 'file:///schemas/mitigation.schema.json', fileMatch: ['*.mitigation.json'], schema }] });

  let document = TextDocument.create(URI, LANGUAGE_ID, 1, text);
  let anchorDocument = TextDocument.create(URI, LANGUAGE_ID, 1, text);
  const published = (version: number) => new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(version, resolve));
  const opened = published(1);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: LANGUAGE_ID, version: 1, text } });
  const first = await opened;

  const samples: Sample[] = [];
  let diagnosticsSeen = 0;
  /** One didChange to both: our server over stdio, the anchor in process. */
  async function change(kind: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = document.version + 1;
    document = TextDocument.update(document, changes, version);
    const answer = published(version);
    const start = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version }, contentChanges: changes });
    const diagnostics = await answer;
    const ours = performance.now() - start - DEBOUNCE_MS;
    diagnosticsSeen += diagnostics.diagnostics.length;

    (globalThis as { gc?: () => void }).gc?.();
    anchorDocument = TextDocument.update(anchorDocument, changes, version);
    const anchorStart = performance.now();
    const parsed = json.parseJSONDocument(anchorDocument);
    await json.doValidation(anchorDocument, parsed, { comments: 'ignore', trailingCommas: 'ignore' });
    samples.push({ kind, ours, anchor: performance.now() - anchorStart });
  }
  const at = (offset: number) => document.positionAt(offset);
  const insert = (offset: number, value: string): TextDocumentContentChangeEvent => ({ range: { start: at(offset), end: at(offset) }, text: value });
  const remove = (offset: number, length: number): TextDocumentContentChangeEvent => ({ range: { start: at(offset), end: at(offset + length) }, text: '' });

  async function typeAndErase(kind: string, offset: number, value: string): Promise<void> {
    for (let i = 0; i < value.length; i++) await change(kind, [insert(offset + i, value[i])]);
    for (let i = value.length; i > 0; i--) await change(kind, [remove(offset + i - 1, 1)]);
  }

  for (let round = 0; round < ROUNDS; round++) {
    const actionKey = document.getText().indexOf(`-${1500 + round * 97}": {`);
    // Typing a value: the end of a role ARN's role name.
    const role = document.getText().indexOf('IoTMitigationRole"', actionKey) + 'IoTMitigationRole'.length;
    await typeAndErase('typing a value', role, '-v2x');
    // Typing in an action reference of a task.
    const task = document.getText().indexOf(`"task-${200 + round * 31}": {`);
    const reference = document.getText().indexOf('"]', task);
    await typeAndErase('typing a reference', reference, 'zzz');
    // Adding an action (a paste) and deleting it again.
    const pasted = `    "pasted-${round}": {\n      "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationRole",\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    },\n`;
    const lineStart = document.getText().lastIndexOf('\n', actionKey) + 1;
    await change('adding an action', [insert(lineStart, pasted)]);
    await change('adding an action', [remove(lineStart, pasted.length)]);
    // Renaming an action used by tasks, and back.
    const referenced = /"(update-device-certificate-\d+)"\]/.exec(document.getText().slice(task))![1];
    for (const [from, to] of [[referenced, `renamed-${round}`], [`renamed-${round}`, referenced]]) {
      const keyOffset = document.getText().indexOf(`"${from}": {`) + 1;
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

  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const rows: [string, Sample[]][] = [['every edit', samples], ...[...new Set(samples.map((s) => s.kind))].map((kind): [string, Sample[]] => [kind, samples.filter((s) => s.kind === kind)])];
  console.log(`File: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${ACTIONS} actions, ${TASKS} tasks; ${samples.length} edits in ${ROUNDS} rounds; ${first.diagnostics.length} diagnostics at open, ${(diagnosticsSeen / samples.length).toFixed(0)} per edit on average; Node ${process.version}`);
  console.log('');
  console.log('| edits | ours p50 | ours p95 | vscode-json-languageservice p50 | p95 | ours is faster by (p95) |');
  console.log('|---|---|---|---|---|---|');
  for (const [label, group] of rows) {
    const ours = group.map((s) => s.ours);
    const anchor = group.map((s) => s.anchor);
    console.log(`| ${label} (${group.length}) | ${ms(percentile(ours, 50))} | ${ms(percentile(ours, 95))} | ${ms(percentile(anchor, 50))} | ${ms(percentile(anchor, 95))} | ${(percentile(anchor, 95) / percentile(ours, 95)).toFixed(1)}x |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

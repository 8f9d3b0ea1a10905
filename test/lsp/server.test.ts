import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  LSPErrorCodes,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  SelectionRangeRequest,
  type CodeAction,
  type CompletionList,
  type Hover,
  type MarkupContent,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ACCOUNT_CHANGED_NOTIFICATION, START_TASK_COMMAND } from '../../common/lspProtocol';
import { CLI, TestClient, exampleText, useLanguageServer, withLanguageServer } from './client';

function positionIn(text: string, needle: string, shift = 0): Position {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in text`);
  return TextDocument.create('x', 'x', 0, text).positionAt(index + shift);
}

describe('language server over stdio', () => {
  const quarantineUri = 'file:///work/quarantine.mitigation.json';
  const quarantine = exampleText('quarantine-workflow.mitigation.json');
  const mistakesUri = 'file:///work/mistakes.mitigation.json';
  const server = useLanguageServer({
    start: async (client) => {
      const result = await client.initialize();
      assert.ok(result.capabilities.completionProvider);
      assert.deepEqual(result.capabilities.renameProvider, { prepareProvider: true });
      await client.open(quarantineUri, quarantine);
      await client.open(mistakesUri, exampleText('mistakes.mitigation.json'));
    },
  });

  it('publishes diagnostics with source and stable codes on open', async () => {
    const clean = await server.client.diagnosticsFor(quarantineUri);
    assert.deepEqual(clean, []);
    const diagnostics = await server.client.diagnosticsFor(mistakesUri);
    assert.ok(diagnostics.length >= 20);
    assert.ok(diagnostics.every((d) => d.source === 'mitigations' && typeof d.code === 'string'));
    assert.ok(diagnostics.some((d) => d.code === 'legacy-check'));
  });

  it('revalidates after a change and tags the diagnostics with the version', async () => {
    const uri = 'file:///work/edited.mitigation.json';
    await server.client.open(uri, '{"actions": {}}');
    assert.deepEqual(await server.client.diagnosticsFor(uri, (p) => p.version === 1), []);
    const version = await server.client.change(uri, '{"actions": {"A": {}}}');
    const diagnostics = await server.client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(diagnostics.map((d) => d.code), ['required']);
    await server.client.close(uri);
    assert.deepEqual(await server.client.diagnosticsFor(uri, (p) => p.version === undefined && p.diagnostics.length === 0), []);
  });

  it('validates only the last of several quick changes', async () => {
    const uri = 'file:///work/typing.mitigation.json';
    await server.client.open(uri, '{}');
    await server.client.diagnosticsFor(uri, (p) => p.version === 1);
    let version = 1;
    for (const text of ['{"a', '{"ac', '{"act', '{"actions": {"Typo": {"roleArn": "r"}}}']) version = await server.client.change(uri, text);
    const diagnostics = await server.client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['length', 'required']);
  });

  it('completes with snippets', async () => {
    const text = '{"actions": {"A": {"actionParams": {}}}}';
    const uri = 'file:///work/complete.mitigation.json';
    await server.client.open(uri, text);
    const list = await server.client.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: positionIn(text, '{}}}', 1) });
    const item = list.items.find((i) => i.label === 'updateDeviceCertificateParams');
    assert.ok(item);
    assert.match((item.textEdit as TextEdit).newText, /"action": "\$\{1:DEACTIVATE\}"/);
  });

  it('answers hover', async () => {
    const hover = await server.client.request<Hover>(HoverRequest.method, { textDocument: { uri: quarantineUri }, position: positionIn(quarantine, '"LOGGING_DISABLED_CHECK"', 3) });
    assert.match((hover.contents as MarkupContent).value, /LOGGING_DISABLED_CHECK\*\* \(LOW\)/);
  });

  it('offers quick fixes', async () => {
    const diagnostics = await server.client.diagnosticsFor(mistakesUri);
    const legacy = diagnostics.find((d) => d.code === 'legacy-check')!;
    const actions = await server.client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri: mistakesUri }, range: legacy.range, context: { diagnostics: [legacy] } });
    assert.ok(actions.some((a) => a.title === 'Use the API check name REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK'));
  });

  it('navigates and renames action names', async () => {
    const at = { textDocument: { uri: quarantineUri }, position: positionIn(quarantine, '"BlankPolicy"]', 2) };
    const definition = await server.client.request<{ range: { start: Position } }>(DefinitionRequest.method, at);
    assert.equal(definition.range.start.line, positionIn(quarantine, '"BlankPolicy": {').line);
    const references = await server.client.request<unknown[]>(ReferencesRequest.method, { ...at, context: { includeDeclaration: true } });
    assert.equal(references.length, quarantine.split('"BlankPolicy"').length - 1);
    const prepared = await server.client.request<{ placeholder: string }>(PrepareRenameRequest.method, at);
    assert.equal(prepared.placeholder, 'BlankPolicy');
    const edit = await server.client.request<WorkspaceEdit>(RenameRequest.method, { ...at, newName: 'Blank' });
    assert.equal(edit.changes![quarantineUri].length, references.length);
    await assert.rejects(server.client.request(RenameRequest.method, { ...at, newName: 'no spaces allowed' }), (error: ResponseError<void>) => /may only contain/.test(error.message));
  });

  it('answers symbols, folding, selection ranges, formatting, inlay hints and code lenses', async () => {
    const document = { textDocument: { uri: quarantineUri } };
    const symbols = await server.client.request<{ name: string }[]>(DocumentSymbolRequest.method, document);
    assert.deepEqual(symbols.map((s) => s.name), ['$schema', 'actions', 'tasks']);
    assert.ok((await server.client.request<unknown[]>(FoldingRangeRequest.method, document)).length > 5);
    const selections = await server.client.request<unknown[]>(SelectionRangeRequest.method, { ...document, positions: [positionIn(quarantine, 'BlankPolicy')] });
    assert.equal(selections.length, 1);
    const edits = await server.client.request<TextEdit[]>(DocumentFormattingRequest.method, { ...document, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(Array.isArray(edits));
    const hints = await server.client.request<{ label: string }[]>(InlayHintRequest.method, { ...document, range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } } });
    assert.ok(hints.some((h) => h.label === 'REPLACE_DEFAULT_POLICY_VERSION'));
    const lenses = await server.client.request<{ command: { command: string; arguments: unknown[] } }[]>(CodeLensRequest.method, document);
    assert.deepEqual(lenses.find((l) => l.command.command === START_TASK_COMMAND)!.command.arguments, [quarantineUri, 'quarantine-compromised-devices']);
  });

  it('answers a cancelled request with RequestCancelled or its result, and keeps serving', async () => {
    const outcome = await server.client.requestAndCancel(DocumentSymbolRequest.method, { textDocument: { uri: quarantineUri } });
    if (outcome instanceof ResponseError) assert.equal(outcome.code, LSPErrorCodes.RequestCancelled);
    else assert.ok(Array.isArray(outcome));
    assert.ok(Array.isArray(await server.client.request(DocumentSymbolRequest.method, { textDocument: { uri: quarantineUri } })));
  });

  it('answers requests on documents it does not know with empty results', async () => {
    const unknown = { textDocument: { uri: 'file:///never/opened.mitigation.json' }, position: { line: 0, character: 0 } };
    assert.equal(await server.client.request(HoverRequest.method, unknown), null);
    assert.deepEqual(await server.client.request(DocumentSymbolRequest.method, { textDocument: unknown.textDocument }), []);
  });

  it('keeps references to unknown actions as warnings when the client does not answer account requests', async () => {
    const uri = 'file:///work/account.mitigation.json';
    await server.client.open(uri, '{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Elsewhere"]}}}}');
    const diagnostics = await server.client.diagnosticsFor(uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['undefined-action', DiagnosticSeverity.Warning]]);
  });

  it('shuts down cleanly on shutdown + exit', async () => {
    const other = new TestClient();
    await other.initialize();
    assert.equal(await other.shutdown(), 0);
  });
});

describe('language server with account data from the client', () => {
  it('uses the account to resolve references, and drops its cache on accountChanged', async () => {
    await withLanguageServer({ accountActions: { available: true, source: 'emulator', actions: [{ name: 'Elsewhere', type: 'PUBLISH_FINDING_TO_SNS' }] } }, async (client) => {
      const uri = 'file:///work/account.mitigation.json';
      const text = '{"tasks": {"t": {"target": {"auditTaskId": ""}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Elsewhere", "Nowhere"]}}}}';
      await client.open(uri, text);
      const diagnostics = await client.diagnosticsFor(uri);
      const undefinedActions = diagnostics.filter((d) => d.code === 'undefined-action');
      assert.equal(undefinedActions.length, 1);
      assert.equal(undefinedActions[0].severity, DiagnosticSeverity.Warning, 'the same severity as the check CLI');
      assert.match(undefinedActions[0].message, /"Nowhere" is not defined in this workspace nor in the account/);
      const audits = await client.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: positionIn(text, '""', 1) });
      assert.deepEqual(audits.items.map((i) => i.label), ['audit-from-client']);
      const count = (await client.diagnosticsFor(uri)).length;
      await client.connection.sendNotification(ACCOUNT_CHANGED_NOTIFICATION);
      // Revalidation after the notification publishes again (same content, same result).
      let published = 0;
      await client.diagnosticsFor(uri, () => ++published === 2);
      assert.equal((await client.diagnosticsFor(uri)).length, count);
    });
  });
});

/** A server reached another way: it initializes, validates a file and shuts down with exit code 0. */
for (const [way, options] of [['over node IPC', { transport: 'ipc' }], ['through `iot-mitigations lsp --stdio`', { command: [CLI, 'lsp', '--stdio'] }]] as const) {
  describe(`language server ${way}`, () => {
    it('initializes, validates and shuts down', () => withLanguageServer(options, async (client) => {
      const uri = 'file:///other-way.mitigation.json';
      await client.open(uri, '{"actions": {"A": {}}}');
      assert.deepEqual((await client.diagnosticsFor(uri)).map((d) => d.code), ['required']);
      assert.equal(await client.shutdown(), 0);
    }));
  });
}

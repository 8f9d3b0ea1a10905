/**
 * Over stdio with a real LSP client: an update-mitigation-action input file carrying `tags` gets
 * the tags-in-update error and a quick fix that removes them; published diagnostics then clear.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeActionRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { useLanguageServer } from './client';

describe('tags in an update document (LSP over stdio)', { timeout: 60_000 }, () => {
  const server = useLanguageServer();

  it('reports them, fixes them, and the fixed file is clean', async () => {
    const uri = 'file:///cli-input/quarantine.update-mitigation-action.json';
    const text = '{\n  "actionName": "Quarantine",\n  "roleArn": "arn:aws:iam::123456789012:role/R",\n  "tags": [{"Key": "team"}]\n}';
    await server.client.open(uri, text);
    const diagnostics = await server.client.diagnosticsFor(uri);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`), ['3:2 tags-in-update']);
    const actions = await server.client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
    const fix = actions.find((action) => action.title === 'Remove "tags" (update-mitigation-action takes none)');
    assert.ok(fix, `offered: ${actions.map((action) => action.title).join(', ')}`);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'mitigation-json', 1, text), fix.edit!.changes![uri] as TextEdit[]);
    assert.deepEqual(JSON.parse(fixed), { actionName: 'Quarantine', roleArn: 'arn:aws:iam::123456789012:role/R' });
    const other = 'file:///cli-input/fixed.update-mitigation-action.json';
    await server.client.open(other, fixed);
    assert.deepEqual(await server.client.diagnosticsFor(other), []);
  });
});

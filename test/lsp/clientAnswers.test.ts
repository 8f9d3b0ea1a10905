/**
 * A client that answers the custom requests with malformed data, and options no editor should
 * send: the server keeps publishing diagnostics and answering every feature.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeActionRequest, CompletionRequest, DocumentFormattingRequest, InlayHintRequest, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol';
import { ACCOUNT_ACTIONS_REQUEST, FINDINGS_REQUEST, RECENT_AUDITS_REQUEST, THING_GROUPS_REQUEST } from '../../common/lspProtocol';
import { exampleText, useLanguageServer } from './client';

describe('malformed answers from the client', { timeout: 60_000 }, () => {
  const answers: unknown[] = [{ available: true, actions: [null] }, { available: true, actions: 'x' }, 'nonsense', null, { available: true, actions: [{ name: 3, type: 'NOPE' }] }];
  let turn = 0;

  const server = useLanguageServer({
    start: (client) => {
      client.connection.onRequest(ACCOUNT_ACTIONS_REQUEST, () => answers[turn % answers.length]);
      client.connection.onRequest(RECENT_AUDITS_REQUEST, () => ({ available: true, audits: [{ taskId: 'audit-1', status: 'COMPLETED', type: 'ON_DEMAND_AUDIT_TASK', startTime: 1e300 }, null] }));
      client.connection.onRequest(FINDINGS_REQUEST, () => ({ available: true, findings: 'x' }));
      client.connection.onRequest(THING_GROUPS_REQUEST, () => ({ available: true, source: 'emulator', groups: [{ name: 'Quarantine' }, { name: 'not a name' }, null, { name: 'Factory', arn: 'arn:aws:iot:us-east-1:123456789012:thinggroup/Factory' }] }));
      return client.initialize();
    },
  });

  it('still validates, fixes, hints and completes with each malformed answer', async () => {
    const text = exampleText('mistakes.mitigation.json');
    for (turn = 0; turn < answers.length; turn++) {
      const uri = `file:///malformed/${turn}.mitigation.json`;
      await server.client.open(uri, text);
      const diagnostics = await server.client.diagnosticsFor(uri);
      assert.ok(diagnostics.some((d) => d.code === 'legacy-check'), `diagnostics published with answer ${JSON.stringify(answers[turn])}`);
      const whole = { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } };
      const fixes = await server.client.request<unknown[]>(CodeActionRequest.method, { textDocument: { uri }, range: whole, context: { diagnostics } });
      assert.ok(fixes.length > 0);
      await server.client.request(InlayHintRequest.method, { textDocument: { uri }, range: whole });
      await server.client.close(uri);
    }
    const failures = server.client.logs.filter((log) => / failed: /.test(log));
    assert.deepEqual(failures, [], 'no handler threw');
  });

  it('completes audit ids although one start time is 1e300', async () => {
    const uri = 'file:///malformed/audit.mitigation.json';
    const text = '{"tasks": {"t": {"target": {"auditTaskId": ""}, "auditCheckToActionsMapping": {}}}}';
    await server.client.open(uri, text);
    const list = await server.client.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: { line: 0, character: text.indexOf('""') + 1 } });
    assert.deepEqual(list.items.map((item) => item.label), ['audit-1']);
  });

  it('completes thing-group names from the client over the custom request, dropping the malformed ones', async () => {
    const uri = 'file:///malformed/groups.mitigation.json';
    const text = '{"actions": {"Q": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"addThingsToThingGroupParams": {"thingGroupNames": ["Factory", ""]}}}}}';
    await server.client.open(uri, text);
    const list = await server.client.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: { line: 0, character: text.indexOf('""') + 1 } });
    assert.deepEqual(list.items.map((item) => item.label), ['Quarantine'], 'Factory is listed already; "not a name" and null are dropped');
    assert.equal(list.items[0].detail, 'Thing group in emulator');
  });

  it('caps the tab size of a formatting request', async () => {
    const uri = 'file:///malformed/format.mitigation.json';
    await server.client.open(uri, '{"tasks":{"t":{"target":{}}}}');
    const edits = await server.client.request<TextEdit[]>(DocumentFormattingRequest.method, { textDocument: { uri }, options: { tabSize: 1000, insertSpaces: true } });
    const size = edits.reduce((sum, edit) => sum + edit.newText.length, 0);
    assert.ok(size < 200, `a small reply (${size} characters)`);
  });
});

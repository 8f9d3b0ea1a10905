/**
 * Diagnostics that wait for the user, through a real client over stdio: while a value is being
 * typed its own rule is held back; once the user pauses it is published; structure never waits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { useLanguageServer } from './client';

const VALID = '{\n  "actions": {\n    "A": {\n      "roleArn": "arn:aws:iam::123456789012:role/R",\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    }\n  },\n  "tasks": {}\n}\n';

describe('diagnostics while typing (real client, incremental edits)', { timeout: 30_000 }, () => {
  const server = useLanguageServer();

  it('holds the enum error on "DEA" until the pause, then publishes it', async () => {
    const uri = 'file:///typing/enum.mitigation.json';
    await server.client.open(uri, VALID);
    assert.deepEqual(await server.client.diagnosticsFor(uri), []);
    const document = TextDocument.create(uri, 'mitigation-json', 1, VALID);
    const from = VALID.indexOf('DEACTIVATE') + 3;
    // The user deleted back to "DEA" (the closing quote stays, as editors auto-close it).
    const version = await server.client.edit(uri, { start: document.positionAt(from), end: document.positionAt(from + 7) }, '');
    const first = await server.client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(first.map((d) => d.code), [], 'nothing on the token being typed');
    const later = await server.client.diagnosticsFor(uri, (p) => p.version === version && p.diagnostics.length > 0);
    assert.deepEqual(later.map((d) => d.code), ['enum'], 'published once the user pauses');
    const sequence = server.client.publications(uri).filter((p) => p.version === version).map((p) => p.diagnostics.length);
    assert.deepEqual(sequence, [0, 1]);
  });

  it('publishes a structural problem at once, in the first publication of the version', async () => {
    const uri = 'file:///typing/structure.mitigation.json';
    await server.client.open(uri, VALID);
    await server.client.diagnosticsFor(uri);
    const document = TextDocument.create(uri, 'mitigation-json', 1, VALID);
    const line = VALID.indexOf('      "roleArn"');
    const version = await server.client.edit(uri, { start: document.positionAt(line), end: document.positionAt(VALID.indexOf('      "actionParams"')) }, '');
    const first = await server.client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(first.map((d) => d.code), ['required']);
  });

  it('publishes the latest version, never one whose diagnostics were worked out before the next keystroke', async () => {
    const uri = 'file:///typing/superseded.mitigation.json';
    await server.client.open(uri, VALID);
    await server.client.diagnosticsFor(uri);
    const document = TextDocument.create(uri, 'mitigation-json', 1, VALID);
    const roleLine = { start: document.positionAt(VALID.indexOf('      "roleArn"')), end: document.positionAt(VALID.indexOf('      "actionParams"')) };
    const removed = await server.client.edit(uri, roleLine, '');
    // Long enough for the server to work out the missing roleArn, too short for it to publish.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const withoutRole = TextDocument.update(document, [{ range: roleLine, text: '' }], removed);
    const at = withoutRole.positionAt(VALID.indexOf('      "roleArn"'));
    const restored = await server.client.edit(uri, { start: at, end: at }, VALID.slice(VALID.indexOf('      "roleArn"'), VALID.indexOf('      "actionParams"')));
    assert.deepEqual(await server.client.diagnosticsFor(uri, (p) => p.version === restored), []);
    assert.deepEqual(server.client.publications(uri).filter((p) => p.version === removed), [], 'the removed role was superseded before its delay ended');
  });
});

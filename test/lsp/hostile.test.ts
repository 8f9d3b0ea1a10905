/**
 * Hostile input: whatever arrives, the server answers every request and never exits.
 * Randomness is seeded, so a failure reproduces.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as lsp from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXAMPLES, TestClient, exampleText, useLanguageServer } from './client';
import { seededRandom } from '../seededRandom';


const JSON_NOISE = ['{', '}', '[', ']', '"', ':', ',', '\\', '/*', '//', '\n', ' ', 'null', 'true', '-1e999', '"DEVICE_CERTIFICATE_SHARED_CHECK"', '"actions"', '"tasks"', '\u0000', '\ud800', '😀'];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  switch (Math.floor(next() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + Math.floor(next() * 40));
    case 1:
      return text.slice(0, at) + JSON_NOISE[Math.floor(next() * JSON_NOISE.length)] + text.slice(at);
    case 2: {
      const from = Math.floor(next() * text.length);
      return text.slice(0, at) + text.slice(from, from + Math.floor(next() * 200)) + text.slice(at);
    }
    case 3:
      return text.slice(0, at);
    default:
      return text.slice(at) + text.slice(0, at);
  }
}

/** Every read-only feature once, at positions picked by `next`; resolves when all have answered. */
async function askEverything(client: TestClient, uri: string, text: string, next: () => number): Promise<void> {
  const document = TextDocument.create(uri, 'mitigation-json', 1, text);
  const position = (): lsp.Position => document.positionAt(Math.floor(next() * (text.length + 1)));
  const at = () => ({ textDocument: { uri }, position: position() });
  const start = position();
  const range = { start, end: document.positionAt(Math.min(text.length, document.offsetAt(start) + Math.floor(next() * 500))) };
  const requests: [string, unknown][] = [
    [lsp.CompletionRequest.method, at()],
    [lsp.HoverRequest.method, at()],
    [lsp.CodeActionRequest.method, { textDocument: { uri }, range, context: { diagnostics: [] } }],
    [lsp.DefinitionRequest.method, at()],
    [lsp.ReferencesRequest.method, { ...at(), context: { includeDeclaration: true } }],
    [lsp.PrepareRenameRequest.method, at()],
    [lsp.RenameRequest.method, { ...at(), newName: next() < 0.5 ? 'Renamed' : 'bad name' }],
    [lsp.DocumentSymbolRequest.method, { textDocument: { uri } }],
    [lsp.FoldingRangeRequest.method, { textDocument: { uri } }],
    [lsp.SelectionRangeRequest.method, { textDocument: { uri }, positions: [position(), position()] }],
    [lsp.DocumentFormattingRequest.method, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }],
    [lsp.InlayHintRequest.method, { textDocument: { uri }, range }],
    [lsp.CodeLensRequest.method, { textDocument: { uri } }],
  ];
  await Promise.all(requests.map(async ([method, params]) => {
    try {
      await client.request(method, params);
    } catch (error) {
      // The only acceptable failures: a rename the file cannot take, and cancellation.
      const acceptable = error instanceof lsp.ResponseError && ((method === lsp.RenameRequest.method && /action name/i.test(error.message)) || error.code === lsp.LSPErrorCodes.RequestCancelled);
      assert.ok(acceptable, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }));
}

describe('hostile input', { timeout: 110_000 }, () => {
  const server = useLanguageServer();
  const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.json')).map((name) => exampleText(name));

  const assertHealthy = () => {
    assert.ok(server.client.alive, `the server exited: ${server.client.stderr.join('')}`);
    const failures = server.client.logs.filter((log) => / failed: /.test(log));
    assert.deepEqual(failures, [], 'no handler threw');
  };

  it('survives random mutations of valid files', async () => {
    const next = seededRandom(20261122);
    const uri = 'file:///hostile/mutated.mitigation.json';
    await server.client.open(uri, examples[0]);
    for (let round = 0; round < 150; round++) {
      let text = examples[Math.floor(next() * examples.length)];
      const mutations = 1 + Math.floor(next() * 4);
      for (let i = 0; i < mutations; i++) text = mutate(text, next);
      await server.client.change(uri, text);
      await askEverything(server.client, uri, text, next);
    }
    assertHealthy();
  });

  it('survives every truncation of a file', async () => {
    const next = seededRandom(7);
    const uri = 'file:///hostile/truncated.mitigation.json';
    const text = exampleText('mistakes.mitigation.json');
    await server.client.open(uri, '');
    for (let length = 0; length <= text.length; length += 97) {
      const truncated = text.slice(0, length);
      await server.client.change(uri, truncated);
      await askEverything(server.client, uri, truncated, next);
    }
    assertHealthy();
  });

  it('survives 10,000-deep nesting of lists and objects', async () => {
    const next = seededRandom(3);
    for (const [name, text] of [['lists', '['.repeat(10_000) + ']'.repeat(10_000)], ['objects', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)], ['unclosed', '{"actions": '.repeat(10_000)]]) {
      const uri = `file:///hostile/deep-${name}.mitigation.json`;
      await server.client.open(uri, text);
      await askEverything(server.client, uri, text, next);
      const diagnostics = await server.client.diagnosticsFor(uri);
      assert.ok(diagnostics.length > 0);
      await server.client.close(uri);
    }
    assertHealthy();
  });

  it('survives binary garbage', async () => {
    const next = seededRandom(99);
    for (let round = 0; round < 5; round++) {
      const bytes = Array.from({ length: 50_000 }, () => String.fromCharCode(Math.floor(next() * 256)));
      const text = bytes.join('') + '\ud800\udfff\uffff';
      const uri = `file:///hostile/garbage-${round}.mitigation.json`;
      await server.client.open(uri, text);
      await askEverything(server.client, uri, text, next);
      await server.client.diagnosticsFor(uri);
      await server.client.close(uri);
    }
    assertHealthy();
  });

  it('survives a 20 MB file', async () => {
    const action = (i: number) => `    "Action${i}": {\n      "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationRole",\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    }`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 20_000_000; i++) {
      parts.push(action(i));
      size += parts[parts.length - 1].length + 2;
    }
    const text = `{\n  "actions": {\n${parts.join(',\n')}\n  },\n  "tasks": {}\n}\n`;
    const uri = 'file:///hostile/huge.mitigation.json';
    await server.client.open(uri, text);
    const diagnostics = await server.client.diagnosticsFor(uri, () => true, 90_000);
    assert.ok(diagnostics.some((d) => d.code === 'action-quota'));
    await askEverything(server.client, uri, text, seededRandom(5));
    await server.client.close(uri);
    assertHealthy();
  });

  it('still answers afterwards', async () => {
    const uri = 'file:///hostile/after.mitigation.json';
    await server.client.open(uri, '{"actions": {"A": {}}}');
    assert.deepEqual((await server.client.diagnosticsFor(uri)).map((d) => d.code), ['required']);
    assertHealthy();
  });
});

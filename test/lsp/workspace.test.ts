/**
 * The workspace index through a real client over stdio: files on disk are indexed at start,
 * `workspace/didChangeWatchedFiles` keeps the index current, and rename spans files.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, RenameRequest, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { useLanguageServer } from './client';

const SHARED = '{\n  "actions": {\n    "DeactivateCert": {\n      "roleArn": "arn:aws:iam::123456789012:role/R",\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    }\n  }\n}\n';
const TASKS = '{\n  "tasks": {\n    "t": {\n      "target": {},\n      "auditCheckToActionsMapping": { "DEVICE_CERTIFICATE_SHARED_CHECK": ["DeactivateCert"] }\n    }\n  }\n}\n';

describe('workspace index over stdio', { timeout: 30_000 }, () => {
  let directory: string;
  let sharedPath: string;
  let sharedUri: string;
  let tasksUri: string;

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mitigations-workspace-'));
    sharedPath = join(directory, 'shared.mitigation.json');
    writeFileSync(sharedPath, SHARED);
    writeFileSync(join(directory, 'tasks.mitigation.json'), TASKS);
    sharedUri = pathToFileURL(sharedPath).toString();
    tasksUri = pathToFileURL(join(directory, 'tasks.mitigation.json')).toString();
  });
  after(() => rmSync(directory, { recursive: true, force: true }));
  const server = useLanguageServer({ start: (client) => client.initialize(undefined, [pathToFileURL(directory).toString()]) });

  it('resolves an action defined in a file that is not open', async () => {
    await server.client.open(tasksUri, TASKS);
    await server.client.diagnosticsFor(tasksUri, (p) => p.diagnostics.length === 0);
  });

  it('follows a deleted and a re-created file through didChangeWatchedFiles', async () => {
    unlinkSync(sharedPath);
    await server.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: sharedUri, type: FileChangeType.Deleted }] });
    const missing = await server.client.diagnosticsFor(tasksUri, (p) => p.diagnostics.some((d) => d.code === 'undefined-action'));
    assert.match(missing[0].message, /"DeactivateCert" is not defined in this workspace/);
    writeFileSync(sharedPath, SHARED);
    const seen = server.client.publications(tasksUri).length;
    await server.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: sharedUri, type: FileChangeType.Created }] });
    await server.client.diagnosticsFor(tasksUri, (p) => server.client.publications(tasksUri).indexOf(p) >= seen && p.diagnostics.length === 0);
  });

  it('publishes what a file changed on disk means, although the edit before it was already validated', async () => {
    // The edit's validation and the one held back for the typing pause are worked out early;
    // a change on disk while they wait must not let either publish what it saw before.
    const document = TextDocument.create(tasksUri, 'mitigation-json', 1, TASKS);
    const inTarget = document.positionAt(TASKS.indexOf('{}') + 1);
    const version = await server.client.edit(tasksUri, { start: inTarget, end: inTarget }, ' ');
    assert.deepEqual(await server.client.diagnosticsFor(tasksUri, (p) => p.version === version), []);
    unlinkSync(sharedPath);
    const seen = server.client.publications(tasksUri).length;
    await server.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: sharedUri, type: FileChangeType.Deleted }] });
    const next = await server.client.diagnosticsFor(tasksUri, (p) => server.client.publications(tasksUri).indexOf(p) >= seen);
    assert.deepEqual(next.map((d) => d.code), ['undefined-action']);
    writeFileSync(sharedPath, SHARED);
    await server.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: sharedUri, type: FileChangeType.Created }] });
    await server.client.diagnosticsFor(tasksUri, (p) => server.client.publications(tasksUri).indexOf(p) > seen && p.diagnostics.length === 0);
  });

  it('updates an open file that uses an action when another open file renames it', async () => {
    const definesUri = 'file:///open/defines.mitigation.json';
    const usesUri = 'file:///open/uses.mitigation.json';
    const defines = SHARED.replace('DeactivateCert', 'OpenOnly');
    await server.client.open(definesUri, defines);
    await server.client.diagnosticsFor(definesUri);
    await server.client.open(usesUri, TASKS.replace('DeactivateCert', 'OpenOnly'));
    assert.deepEqual(await server.client.diagnosticsFor(usesUri), []);
    const seen = server.client.publications(usesUri).length;
    const document = TextDocument.create(definesUri, 'mitigation-json', 1, defines);
    const key = defines.indexOf('OpenOnly');
    await server.client.edit(definesUri, { start: document.positionAt(key), end: document.positionAt(key + 'OpenOnly'.length) }, 'Renamed');
    const after = await server.client.diagnosticsFor(usesUri, (p) => server.client.publications(usesUri).indexOf(p) >= seen);
    assert.deepEqual(after.map((d) => d.code), ['undefined-action']);
    assert.match(after[0].message, /"OpenOnly"/);
  });

  it('renames across files', async () => {
    const edit = await server.client.request<WorkspaceEdit>(RenameRequest.method, { textDocument: { uri: tasksUri }, position: { line: 4, character: 76 }, newName: 'RevokeCert' });
    assert.deepEqual(Object.keys(edit.changes!).sort(), [sharedUri, tasksUri].sort());
    assert.deepEqual(edit.changes![sharedUri].map((change) => change.newText), ['RevokeCert']);
  });
});

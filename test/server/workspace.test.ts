import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceIndex } from '../../server/service/workspaceIndex';
import { positionOf, service } from './helpers';

const SHARED_URI = 'file:///team/shared.mitigation.json';
const SHARED = '{\n  "actions": {\n    "DeactivateCert": {\n      "roleArn": "arn:aws:iam::123456789012:role/R",\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    }\n  }\n}\n';
const TASKS_URI = 'file:///team/tasks.mitigation.json';
const TASKS = '{\n  "tasks": {\n    "t": {\n      "target": {},\n      "auditCheckToActionsMapping": { "DEVICE_CERTIFICATE_SHARED_CHECK": ["DeactivateCert"] }\n    }\n  }\n}\n';
const OTHER_URI = 'file:///team/other.mitigation.json';
const OTHER = '{"tasks": {"u": {"target": {}, "auditCheckToActionsMapping": {"REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK": ["DeactivateCert"]}}}}';

function workspace(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.set(SHARED_URI, SHARED);
  index.set(TASKS_URI, TASKS);
  index.set(OTHER_URI, OTHER);
  return index;
}

const tasks = () => TextDocument.create(TASKS_URI, 'mitigation-json', 1, TASKS);

describe('a workspace of mitigation files', () => {
  it('resolves an action defined in another file: no undefined-action, and its type is checked', async () => {
    assert.deepEqual((await service().doValidation(tasks())).map((d) => d.code), ['undefined-action'], 'alone, the file cannot resolve it');
    assert.deepEqual(await service({ workspace: workspace() }).doValidation(tasks()), []);
    const logging = TextDocument.create(TASKS_URI, 'mitigation-json', 2, TASKS.replace('DEVICE_CERTIFICATE_SHARED_CHECK', 'LOGGING_DISABLED_CHECK'));
    assert.deepEqual((await service({ workspace: workspace() }).doValidation(logging)).map((d) => d.code), ['action-not-applicable']);
  });

  it('says "workspace" when a name is defined nowhere', async () => {
    const missing = TextDocument.create(TASKS_URI, 'mitigation-json', 1, TASKS.replace('["DeactivateCert"]', '["Nowhere"]'));
    const [diagnostic] = await service({ workspace: workspace() }).doValidation(missing);
    assert.match(diagnostic.message, /"Nowhere" is not defined in this workspace/);
  });

  it('completes, hovers and goes to the definition across files', async () => {
    const languageService = service({ workspace: workspace() });
    const document = TextDocument.create(TASKS_URI, 'mitigation-json', 1, TASKS.replace('["DeactivateCert"]', '[""]'));
    const list = await languageService.doComplete(document, positionOf(document, '[""]', 2));
    const item = list.items.find((candidate) => candidate.label === 'DeactivateCert');
    assert.equal(item?.detail, 'UPDATE_DEVICE_CERTIFICATE (shared.mitigation.json)');
    const at = positionOf(tasks(), '"DeactivateCert"', 3);
    assert.match((languageService.doHover(tasks(), at)!.contents as { value: string }).value, /DeactivateCert\*\* · `UPDATE_DEVICE_CERTIFICATE` \(defined in shared\.mitigation\.json, line 3\)/);
    assert.deepEqual(languageService.findDefinition(tasks(), at), { uri: SHARED_URI, range: { start: { line: 2, character: 4 }, end: { line: 2, character: 20 } } });
  });

  it("ranks this file's actions before the workspace's, whatever their names", async () => {
    // "Deactivate cert" (another file) sorts before "DeactivateCert" by name alone.
    const index = workspace();
    index.set(OTHER_URI, SHARED.replace('"DeactivateCert"', '"Deactivate cert"'));
    const local = TASKS.replace('"tasks": {', `"actions": ${JSON.stringify({ DeactivateCert: { roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } } })},\n  "tasks": {`).replace('["DeactivateCert"]', '[""]');
    const document = TextDocument.create(TASKS_URI, 'mitigation-json', 1, local);
    index.set(SHARED_URI, '{}');
    const list = await service({ workspace: index }).doComplete(document, positionOf(document, '[""]', 2));
    const ranked = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((item) => item.label);
    assert.deepEqual(ranked, ['DeactivateCert', 'Deactivate cert']);
  });

  it('finds references and renames in every file', () => {
    const languageService = service({ workspace: workspace() });
    const shared = TextDocument.create(SHARED_URI, 'mitigation-json', 1, SHARED);
    const at = positionOf(shared, '"DeactivateCert"', 3);
    assert.deepEqual(languageService.findReferences(shared, at, true).map((location) => location.uri).sort(), [OTHER_URI, SHARED_URI, TASKS_URI]);
    const edit = languageService.doRename(shared, at, 'RevokeCert')!;
    assert.deepEqual(Object.keys(edit.changes!).sort(), [OTHER_URI, SHARED_URI, TASKS_URI]);
    const renamed = TextDocument.applyEdits(tasks(), edit.changes![TASKS_URI] as TextEdit[]);
    assert.match(renamed, /\["RevokeCert"\]/);
    const other = TextDocument.create(OTHER_URI, 'mitigation-json', 1, OTHER);
    assert.match(TextDocument.applyEdits(other, edit.changes![OTHER_URI] as TextEdit[]), /\["RevokeCert"\]/);
    const index = workspace();
    index.set('file:///team/taken.mitigation.json', '{"actions": {"Taken": {}}}');
    assert.throws(() => service({ workspace: index }).doRename(shared, at, 'Taken'), /workspace already defines an action "Taken"/);
  });

  it('forgets a deleted file and follows a changed one', async () => {
    const index = workspace();
    index.delete(SHARED_URI);
    assert.deepEqual((await service({ workspace: index }).doValidation(tasks())).map((d) => d.code), ['undefined-action']);
    index.set(SHARED_URI, SHARED.replace('DeactivateCert', 'Renamed'));
    assert.equal(index.definitionsElsewhere('DeactivateCert', TASKS_URI).length, 0);
    assert.equal(index.definitionsElsewhere('Renamed', TASKS_URI)[0].uri, SHARED_URI);
  });
});

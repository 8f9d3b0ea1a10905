import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, emulatorState, stubWindow, waitFor, workspaceFile } from '../helpers';

suite('Deploy actions', () => {
  test('shows the plan, creates the file\'s actions, and the Actions view lists them with type icons', async () => {
    const services = await api();
    const modal = stubWindow('showInformationMessage', (_message, options) => (typeof options === 'object' && options && 'modal' in options ? 'Deploy' : undefined));
    let result;
    try {
      result = await vscode.commands.executeCommand<{ applied: number; plan: { steps: { change: string }[] } }>('mitigations.deployActions', workspaceFile('quarantine.mitigation.json'));
    } finally {
      modal.restore();
    }
    assert.ok(result, 'the deploy returns its result');
    assert.equal(result.applied, 3);
    assert.deepEqual(result.plan.steps.map((step) => step.change), ['create', 'create', 'create']);
    const planModal = modal.calls.find((call) => typeof call[1] === 'object');
    assert.match(String(planModal?.[0]), /3 to create, 0 to update, 0 unchanged/);

    const nodes = await services.trees.actions.getChildren();
    const items = nodes.map((node) => services.trees.actions.getTreeItem(node) as vscode.TreeItem);
    assert.deepEqual(items.map((item) => item.label), ['DeactivateDeviceCertificate', 'NotifySecurityTeam', 'QuarantineDevice']);
    assert.deepEqual(items.map((item) => (item.iconPath as vscode.ThemeIcon).id), ['debug-disconnect', 'megaphone', 'group-by-ref-type']);
    assert.ok(items.every((item) => item.contextValue === 'action'));
  });

  test('a second deploy finds nothing to change', async () => {
    const info = stubWindow('showInformationMessage', () => undefined);
    let result;
    try {
      result = await vscode.commands.executeCommand<{ applied: number; plan: { steps: { change: string }[] } }>('mitigations.deployActions', workspaceFile('quarantine.mitigation.json'));
    } finally {
      info.restore();
    }
    assert.equal(result?.applied, 0);
    assert.deepEqual(result?.plan.steps.map((step) => step.change), ['unchanged', 'unchanged', 'unchanged']);
    assert.match(String(info.calls[0]?.[0]), /up to date/);
  });

  test('the language server asks the extension for the account\'s actions (completion in a new file)', async () => {
    const services = await api();
    const actions = await services.accountAnswers.actions();
    assert.equal(actions.available, true);
    assert.deepEqual(actions.actions.map((action) => action.name).sort(), ['DeactivateDeviceCertificate', 'NotifySecurityTeam', 'QuarantineDevice']);
    const text = '{\n  "tasks": {\n    "t": {\n      "target": {},\n      "auditCheckToActionsMapping": { "DEVICE_CERTIFICATE_SHARED_CHECK": [""] }\n    }\n  }\n}\n';
    const document = await vscode.workspace.openTextDocument({ language: 'mitigation-json', content: text });
    const position = document.positionAt(text.indexOf('[""]') + 2);
    const labels = await waitFor('account actions in completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const found = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return found.some((label) => label.includes('QuarantineDevice')) ? found : undefined;
    });
    assert.ok(labels.some((label) => label.includes('DeactivateDeviceCertificate')), labels.join(', '));
  });

  test('tags round-trip: deployed with the action, updated by TagResource/UntagResource, imported back into a file', async () => {
    const services = await api();
    const fileWith = (tags: unknown) => JSON.stringify({ actions: { TaggedNotify: { roleArn: 'arn:aws:iam::123456789012:role/IoTMitigationActionsRole', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:DeviceDefenderFindings' } }, tags } } }, null, 2);
    const document = await vscode.workspace.openTextDocument({ language: 'mitigation-json', content: fileWith([{ Key: 'team', Value: 'security' }, { Key: 'env', Value: 'dev' }]) });
    const tagsInAccount = async () => (await emulatorState(services)).mitigationActions.find(([name]) => name === 'TaggedNotify')?.[1].tags;
    const deploy = async () => {
      const modal = stubWindow('showInformationMessage', (_message, options) => (typeof options === 'object' && options && 'modal' in options ? 'Deploy' : undefined));
      try {
        return await vscode.commands.executeCommand<{ plan: { steps: { change: string; differences: string[] }[] } }>('mitigations.deployActions', document.uri);
      } finally {
        modal.restore();
      }
    };
    try {
      assert.deepEqual((await deploy())?.plan.steps.map((step) => step.change), ['create']);
      assert.deepEqual(await tagsInAccount(), [{ Key: 'team', Value: 'security' }, { Key: 'env', Value: 'dev' }]);

      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), fileWith([{ Key: 'team', Value: 'security' }, { Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }]));
      assert.ok(await vscode.workspace.applyEdit(edit));
      // Only the tags differ: env changes, owner is added; then env is removed.
      assert.deepEqual((await deploy())?.plan.steps.map((step) => [step.change, step.differences]), [['update', ['tags']]]);
      assert.deepEqual(await tagsInAccount(), [{ Key: 'team', Value: 'security' }, { Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }]);
      const removal = new vscode.WorkspaceEdit();
      removal.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), fileWith([{ Key: 'team', Value: 'security' }, { Key: 'owner', Value: 'ops' }]));
      assert.ok(await vscode.workspace.applyEdit(removal));
      await deploy();
      assert.deepEqual(await tagsInAccount(), [{ Key: 'team', Value: 'security' }, { Key: 'owner', Value: 'ops' }]);

      const imported = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.importActions');
      assert.deepEqual(JSON.parse(imported!.document.getText()).actions.TaggedNotify.tags, [{ Key: 'team', Value: 'security' }, { Key: 'owner', Value: 'ops' }]);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await (await services.connections.connection()).api.deleteAction('TaggedNotify');
      services.connections.dataChanged();
    }
  });
});

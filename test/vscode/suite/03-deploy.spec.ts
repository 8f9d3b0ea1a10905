import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, stubWindow, waitFor, workspaceFile } from '../helpers';

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
});

import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { PREVIEW_TASK_COMMAND } from '../../../common/lspProtocol';
import { api, emulatorState, pasteIntoShell, stubWindow, waitFor, workspaceFile } from '../helpers';

async function actionNode(name: string) {
  const services = await api();
  services.trees.actions.refresh();
  const nodes = await services.trees.actions.getChildren();
  const node = nodes.find((candidate) => (services.trees.actions.getTreeItem(candidate) as vscode.TreeItem).label === name);
  assert.ok(node, `action ${name} in the Actions view`);
  return node;
}

suite('Commands', () => {
  test('copies an action as the exact AWS CLI command, which recreates it when pasted into a shell', async () => {
    const services = await api();
    const command = await vscode.commands.executeCommand<string>('mitigations.copyActionAsCli', await actionNode('QuarantineDevice'));
    const url = services.connections.emulator.url;
    assert.equal(command, `AWS_ACCESS_KEY_ID=EMULATOREXAMPLEKEY AWS_SECRET_ACCESS_KEY=emulator-example-secret AWS_REGION=us-east-1 aws iot create-mitigation-action --action-name QuarantineDevice --role-arn arn:aws:iam::123456789012:role/IoTMitigationActionsRole --action-params '{"addThingsToThingGroupParams":{"thingGroupNames":["Quarantine"],"overrideDynamicGroups":true}}' --endpoint-url ${url}`);
    assert.equal(await vscode.env.clipboard.readText(), command);
    const before = (await emulatorState(services)).mitigationActions.find(([name]) => name === 'QuarantineDevice')?.[1];
    const connection = await services.connections.connection();
    await connection.api.deleteAction('QuarantineDevice');
    await pasteIntoShell(command!);
    const after = (await emulatorState(services)).mitigationActions.find(([name]) => name === 'QuarantineDevice')?.[1];
    assert.deepEqual([after?.roleArn, after?.actionParams, after?.actionArn], [before?.roleArn, before?.actionParams, before?.actionArn]);
    services.connections.dataChanged();
  });

  test('copies a task as a start command under a fresh UUID, which starts the same task when pasted', async () => {
    const services = await api();
    services.trees.tasks.refresh();
    const [latest] = await services.trees.tasks.getChildren();
    const command = await vscode.commands.executeCommand<string>('mitigations.copyTaskAsCli', latest);
    assert.match(command ?? '', /^AWS_ACCESS_KEY_ID=\S+ AWS_SECRET_ACCESS_KEY=\S+ AWS_REGION=us-east-1 aws iot start-audit-mitigation-actions-task --task-id [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} --target '\{"auditTaskId":"\w+"\}' --audit-check-to-actions-mapping '\{.+\}' --endpoint-url http:\/\/127\.0\.0\.1:\d+$/);
    const original = (latest as unknown as { taskId: string }).taskId;
    const newId = /--task-id (\S+)/.exec(command!)![1];
    assert.notEqual(newId, original);
    const started = JSON.parse(await pasteIntoShell(command!)) as { taskId: string };
    assert.equal(started.taskId, newId);
    const tasks = (await emulatorState(services)).mitigationTasks;
    const [copied, source] = [newId, original].map((id) => tasks.find(([key]) => key.includes(id))?.[1]);
    assert.ok(copied, 'the pasted command started a task');
    assert.deepEqual([copied.target, copied.auditCheckToActionsMapping], [source?.target, source?.auditCheckToActionsMapping]);
    services.connections.dataChanged();
  });

  test('copies an action\'s ARN', async () => {
    await vscode.commands.executeCommand('mitigations.copyActionArn', await actionNode('NotifySecurityTeam'));
    assert.equal(await vscode.env.clipboard.readText(), 'arn:aws:iot:us-east-1:123456789012:mitigationaction/NotifySecurityTeam');
  });

  test('pages through tasks with a "Load more" node', async () => {
    const services = await api();
    const settings = vscode.workspace.getConfiguration('mitigations');
    await settings.update('pageSize', 1, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('mitigations.refresh');
      const firstPage = await services.trees.tasks.getChildren();
      const items = firstPage.map((node) => services.trees.tasks.getTreeItem(node) as vscode.TreeItem);
      assert.deepEqual(items.map((item) => item.contextValue), ['task', 'loadMore']);
      const changed = new Promise<void>((resolve) => { const once = services.trees.tasks.onDidChangeTreeData(() => { once.dispose(); resolve(); }); });
      await vscode.commands.executeCommand(items[1].command!.command, ...(items[1].command!.arguments ?? []));
      await changed;
      const secondPage = await services.trees.tasks.getChildren();
      assert.ok(secondPage.filter((node) => (services.trees.tasks.getTreeItem(node) as vscode.TreeItem).contextValue?.startsWith('task')).length >= 2);
    } finally {
      await settings.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('shows the logs', async () => {
    await vscode.commands.executeCommand('mitigations.showLogs');
  });

  test('describes an action as read-only JSON', async () => {
    await vscode.commands.executeCommand('mitigations.describeAction', await actionNode('NotifySecurityTeam'));
    const editor = await waitFor('the JSON document', () => vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.path.endsWith('NotifySecurityTeam.action.json')));
    assert.equal(editor.document.uri.scheme, 'mitigations-view');
    assert.equal(JSON.parse(editor.document.getText()).actionType, 'PUBLISH_FINDING_TO_SNS');
  });

  test('previews which findings a file task would mitigate, before anything runs', async () => {
    // The demo audit (the one with critical findings), not the newer one-check audit of the Audits suite.
    const pick = stubWindow('showQuickPick', (items) => (items as vscode.QuickPickItem[]).find((item) => item.label.endsWith('critical')) ?? (items as vscode.QuickPickItem[])[0]);
    try {
      const preview = await vscode.commands.executeCommand<{ rows: { checkName: string; actions: string[] }[]; mitigated: number; warnings: string[] }>(PREVIEW_TASK_COMMAND, workspaceFile('quarantine.mitigation.json').toString(), 'quarantine-shared');
      assert.ok(preview);
      assert.deepEqual(preview.warnings, []);
      assert.ok(preview.mitigated >= 1);
      assert.deepEqual(preview.rows.find((row) => row.checkName === 'DEVICE_CERTIFICATE_SHARED_CHECK')?.actions, ['NotifySecurityTeam', 'QuarantineDevice', 'DeactivateDeviceCertificate']);
      // The preview opens as a webview tab beside the file, not as a Markdown document.
      await waitFor('the preview tab', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('mitigations.taskPreview') && tab.label === 'Preview quarantine-shared'));
    } finally {
      pick.restore();
    }
  });

  test('imports the account\'s actions into a new mitigation file', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.importActions');
    assert.ok(editor);
    assert.equal(editor.document.languageId, 'mitigation-json');
    assert.deepEqual(Object.keys(JSON.parse(editor.document.getText()).actions), ['DeactivateDeviceCertificate', 'NotifySecurityTeam', 'QuarantineDevice']);
  });

  test('creates a new mitigation file from the template', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.newMitigationFile');
    assert.equal(editor.document.languageId, 'mitigation-json');
    const doc = JSON.parse(editor.document.getText());
    assert.ok(doc.actions.QuarantineThings && doc.tasks['quarantine-shared-certificates']);
  });

  test('filters the Tasks view by status', async () => {
    const services = await api();
    const pick = stubWindow('showQuickPick', () => 'CANCELED');
    try {
      await vscode.commands.executeCommand('mitigations.filterTasks');
    } finally {
      pick.restore();
    }
    const nodes = await services.trees.tasks.getChildren();
    const items = nodes.map((node) => services.trees.tasks.getTreeItem(node) as vscode.TreeItem);
    assert.ok(items.length > 0 && items.every((item) => String(item.description).startsWith('canceled')), JSON.stringify(items.map((item) => item.description)));
    services.trees.tasks.setFilter(undefined);
  });

  test('deletes an action after a modal confirmation', async () => {
    const services = await api();
    const modal = stubWindow('showWarningMessage', (_message, options, button) => (typeof options === 'object' ? button : undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('mitigations.deleteAction', await actionNode('DeactivateDeviceCertificate')), true);
    } finally {
      modal.restore();
    }
    assert.match(String(modal.calls[0][0]), /Delete mitigation action DeactivateDeviceCertificate from emulator\?/);
    services.trees.actions.refresh();
    const labels = (await services.trees.actions.getChildren()).map((node) => (services.trees.actions.getTreeItem(node) as vscode.TreeItem).label);
    assert.deepEqual(labels, ['NotifySecurityTeam', 'QuarantineDevice']);
  });

  test('Select Connection lists AWS profiles; a failing AWS connection is shown as what it is', async () => {
    const services = await api();
    const picks = stubWindow('showQuickPick', (items) => {
      const list = items as (vscode.QuickPickItem & { profile?: string })[];
      return list.find((item) => item.profile === 'fixture-keys') ?? list.find((item) => item.label === 'eu-west-1');
    });
    try {
      await vscode.commands.executeCommand('mitigations.selectConnection');
      assert.equal(picks.calls.length, 2, 'profile, then region');
      assert.equal(vscode.workspace.getConfiguration('mitigations').get('connection'), 'aws');
      assert.equal(vscode.workspace.getConfiguration('mitigations').get('aws.profile'), 'fixture-keys');
      const nodes = await waitFor('an error in the Actions view', async () => {
        const children = await services.trees.actions.getChildren();
        const first = children[0] && (services.trees.actions.getTreeItem(children[0]) as vscode.TreeItem);
        return first?.contextValue === 'error' ? children : undefined;
      }, 30_000);
      const labels = nodes.map((node) => String((services.trees.actions.getTreeItem(node) as vscode.TreeItem).label));
      assert.match(labels[0], /^Failed to load actions: /);
      assert.equal(labels[0], 'Failed to load actions: Cannot reach the endpoint (ECONNREFUSED).');
      assert.ok(labels.includes('Select a connection'), labels.join(' | '));
      assert.equal(services.connections.state, 'error');
      // A failing connection must not make the views refresh (and fail) over and over.
      let refreshes = 0;
      const counting = services.trees.actions.onDidChangeTreeData(() => refreshes++);
      await services.trees.actions.getChildren();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      counting.dispose();
      assert.ok(refreshes <= 1, `${refreshes} refreshes while idle`);
    } finally {
      picks.restore();
      const back = stubWindow('showQuickPick', (items) => (items as vscode.QuickPickItem[])[0]);
      await vscode.commands.executeCommand('mitigations.selectConnection');
      back.restore();
    }
    assert.equal(vscode.workspace.getConfiguration('mitigations').get('connection'), 'emulator');
    assert.equal((await services.connections.connection()).label, 'emulator');
  });

  test('a custom endpoint replaces both connections and is confirmed like a real account (here: the emulator reached as any endpoint)', async () => {
    const services = await api();
    const url = services.connections.emulator.url!;
    const settings = vscode.workspace.getConfiguration('mitigations');
    await settings.update('aws.profile', 'fixture-keys', vscode.ConfigurationTarget.Global);
    await settings.update('aws.region', 'us-east-1', vscode.ConfigurationTarget.Global);
    await settings.update('endpoint', url, vscode.ConfigurationTarget.Global);
    try {
      const connection = await waitFor('the endpoint connection', async () => {
        const current = await services.connections.connection();
        return current.label === 'local emulator 123456789012 us-east-1' ? current : undefined;
      });
      // Not the emulator the extension started: labelled a local emulator, confirmed all the same.
      assert.equal(connection.kind, 'local-emulator');
      assert.equal(connection.isRealAccount, true);
      assert.equal(connection.accountId, '123456789012');
      assert.deepEqual(connection.cli, { endpointUrl: url, region: 'us-east-1', profile: 'fixture-keys' });
      services.trees.actions.refresh();
      const labels = (await services.trees.actions.getChildren()).map((node) => (services.trees.actions.getTreeItem(node) as vscode.TreeItem).label);
      assert.deepEqual(labels, ['NotifySecurityTeam', 'QuarantineDevice']);
    } finally {
      await settings.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('aws.profile', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('aws.region', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal((await services.connections.connection()).label, 'emulator');
  });
});

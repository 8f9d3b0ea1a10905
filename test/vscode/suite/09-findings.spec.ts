/**
 * Findings and executions in the trees, as the bundled emulator serves them: named by their
 * resource, with details, the resource as JSON, copy id and a task for one finding; action
 * tooltips with their params. (The 100,000-thing fleet is test/client/fleetViews.test.ts.)
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { MitigationsApi } from '../../../client/mitigationsExtension';
import type { TreeNode } from '../../../client/shared/treeNodes';
import { api, stubWindow, waitFor } from '../helpers';

type Tree = MitigationsApi['trees']['audits'] | MitigationsApi['trees']['tasks'];

function item(tree: Tree | MitigationsApi['trees']['actions'], node: TreeNode): vscode.TreeItem {
  return tree.getTreeItem(node) as vscode.TreeItem;
}

/** A non-compliant check's findings in the Audits view (of the first audit that has them). */
async function findingsOf(services: MitigationsApi, checkName: string): Promise<TreeNode[]> {
  const tree = services.trees.audits;
  tree.refresh();
  for (const audit of await tree.getChildren()) {
    const check = (await tree.getChildren(audit)).find((node) => item(tree, node).label === checkName);
    if (check) return tree.getChildren(check);
  }
  throw new Error(`no audit has ${checkName}`);
}

suite('Findings and executions', () => {
  suiteSetup(async () => {
    const services = await api();
    await waitFor('the emulator connection', async () => (await services.connections.connection()).label === 'emulator');
    // An earlier suite reset the emulator to its seed, which has no actions: put back the two used here.
    const connection = await services.connections.connection();
    const present = new Set((await connection.api.listAllActions()).map((action) => action.actionName));
    const role = 'arn:aws:iam::123456789012:role/IoTMitigationsRole';
    if (!present.has('NotifySecurityTeam')) await connection.api.createAction('NotifySecurityTeam', role, { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:SecurityAlerts' } }, undefined);
    if (!present.has('QuarantineDevice')) await connection.api.createAction('QuarantineDevice', role, { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'] } }, undefined);
    services.connections.dataChanged();
  });

  test('a finding names its resource; hover adds the certificate\'s things; Enter opens its details', async () => {
    const services = await api();
    const tree = services.trees.audits;
    const [finding] = await findingsOf(services, 'DEVICE_CERTIFICATE_SHARED_CHECK');
    const shown = item(tree, finding);
    assert.match(String(shown.label), /^Device certificate [0-9a-f]{10}…$/);
    assert.match(String(shown.description), /^CRITICAL · CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES/);
    const resolved = await tree.resolveTreeItem(shown, finding);
    const tooltip = (resolved.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /Device certificate: `[0-9a-f]{64}`/, 'the whole id on hover');
    assert.match(tooltip, /Things: `[^`]+`/, 'the things it is attached to');
    assert.equal(shown.command?.command, 'mitigations.showFindingDetails');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(shown.command!.command, ...(shown.command!.arguments ?? []));
    assert.equal(editor.document.uri.scheme, 'mitigations-view');
    const text = editor.document.getText();
    assert.match(text, /^# Device certificate [0-9a-f]{10}…/);
    assert.match(text, /\*\*Reason:\*\* CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES/);
    assert.match(text, /\*\*Things:\*\* `/);
  });

  test('the context menu: resource as JSON, copy id, a task for this finding alone', async () => {
    const services = await api();
    const [finding] = await findingsOf(services, 'DEVICE_CERTIFICATE_SHARED_CHECK');
    const findingId = (finding as unknown as { finding: { findingId: string } }).finding.findingId;
    const json = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.openFindingResource', finding);
    const described = JSON.parse(json.document.getText()) as { certificateDescription: { certificateId: string; status: string }; things: { thingName: string }[] };
    assert.match(described.certificateDescription.certificateId, /^[0-9a-f]{64}$/);
    assert.ok(described.things.length >= 1, 'DescribeThing of each of its things');
    await vscode.commands.executeCommand('mitigations.copyFindingId', finding);
    assert.equal(await vscode.env.clipboard.readText(), findingId);

    const picks = stubWindow('showQuickPick', (items) => (items as vscode.QuickPickItem[]).filter((candidate) => candidate.label === 'NotifySecurityTeam'));
    const messages = stubWindow('showInformationMessage', () => undefined);
    try {
      const taskId = await vscode.commands.executeCommand<string>('mitigations.startTaskForFinding', finding);
      assert.match(taskId ?? '', /^mitigate-finding-/);
      assert.ok((picks.calls[0][0] as vscode.QuickPickItem[]).every((candidate) => candidate.label !== 'EnableIoTLogging'), 'only actions that apply to the check');
      const task = await (await services.connections.connection()).api.describeTask(taskId!);
      assert.deepEqual(task.target, { findingIds: [findingId] });
      assert.deepEqual(task.auditCheckToActionsMapping, { DEVICE_CERTIFICATE_SHARED_CHECK: ['NotifySecurityTeam'] });
      await waitFor('the task to end', async () => ((await (await services.connections.connection()).api.describeTask(taskId!)).taskStatus !== 'IN_PROGRESS'));

      // Its execution in the Tasks view names the same resource and opens the same finding.
      const tasks = services.trees.tasks;
      tasks.refresh();
      const taskNode = (await tasks.getChildren()).find((node) => item(tasks, node).label === taskId);
      assert.ok(taskNode);
      const [check] = await tasks.getChildren(taskNode);
      const [execution] = await tasks.getChildren(check);
      const executionItem = item(tasks, execution);
      assert.match(String(executionItem.label), /^NotifySecurityTeam → Device certificate [0-9a-f]{10}…$/);
      assert.equal(executionItem.description, 'completed');
      const details = await vscode.commands.executeCommand<vscode.TextEditor>(executionItem.command!.command, ...(executionItem.command!.arguments ?? []));
      assert.match(details.document.getText(), new RegExp(`## Actions of task ${taskId}[\\s\\S]*\\| NotifySecurityTeam \\| COMPLETED \\|`));
    } finally {
      picks.restore();
      messages.restore();
    }
  });

  test('a finding whose resource no AWS IoT API describes says so', async () => {
    const errors = stubWindow('showErrorMessage', () => undefined);
    try {
      // CONFLICTING_CLIENT_IDS_CHECK names a client ID, which no AWS IoT API describes.
      const row = { finding: { findingId: 'f', checkName: 'CONFLICTING_CLIENT_IDS_CHECK', nonCompliantResource: { resourceType: 'CLIENT_ID', resourceIdentifier: { clientId: 'sensor-7' } } }, tooltip: () => undefined, treeItem: () => new vscode.TreeItem('f') };
      assert.equal(await vscode.commands.executeCommand('mitigations.openFindingResource', row), undefined);
      assert.match(String(errors.calls[0]?.[0]), /^Could not open Client ID sensor-7: AWS IoT has no API that describes a client ID/);
    } finally {
      errors.restore();
    }
  });

  test('an action\'s tooltip shows its params on hover', async () => {
    const services = await api();
    const tree = services.trees.actions;
    const node = (await tree.getChildren()).find((candidate) => item(tree, candidate).label === 'QuarantineDevice');
    assert.ok(node);
    const shown = item(tree, node);
    assert.equal(shown.tooltip, undefined, 'left for resolveTreeItem, which VS Code calls only then');
    const resolved = await tree.resolveTreeItem(shown, node);
    assert.match((resolved.tooltip as vscode.MarkdownString).value, /"thingGroupNames"/);
  });

  test('a completed task\'s check that matched no finding says so, not "No executions yet"', async () => {
    const services = await api();
    const connection = await services.connections.connection();
    const [finding] = await findingsOf(services, 'DEVICE_CERTIFICATE_SHARED_CHECK');
    const findingId = (finding as unknown as { finding: { findingId: string } }).finding.findingId;
    // The task targets one shared-certificate finding but maps a second check too: that check matches nothing.
    const taskId = await connection.api.startTask({
      taskId: `no-match-${Date.now()}`,
      target: { findingIds: [findingId] },
      auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['NotifySecurityTeam'], DEVICE_CERTIFICATE_EXPIRING_CHECK: ['NotifySecurityTeam'] },
      clientRequestToken: `no-match-${Date.now()}`,
    });
    await waitFor('the task to end', async () => (await connection.api.describeTask(taskId)).taskStatus !== 'IN_PROGRESS');
    const tree = services.trees.tasks;
    tree.refresh();
    const taskNode = (await tree.getChildren()).find((node) => item(tree, node).label === taskId);
    assert.ok(taskNode);
    const checks = await tree.getChildren(taskNode);
    const byCheck = new Map(await Promise.all(checks.map(async (check) => [String(item(tree, check).label), (await tree.getChildren(check)).map((node) => String(item(tree, node).label))] as const)));
    assert.deepEqual(byCheck.get('DEVICE_CERTIFICATE_EXPIRING_CHECK'), ['No findings matched this check.']);
    assert.equal(byCheck.get('DEVICE_CERTIFICATE_SHARED_CHECK')?.length, 1);
    assert.match(byCheck.get('DEVICE_CERTIFICATE_SHARED_CHECK')![0], /^NotifySecurityTeam → Device certificate /);
  });
});

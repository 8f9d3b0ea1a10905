import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { START_TASK_COMMAND } from '../../../common/lspProtocol';
import { api, emulatorState, stubWindow, waitFor, workspaceFile } from '../helpers';

type Row = [string, Record<string, unknown>];

suite('Mitigation tasks', () => {
  let quarantineTaskId: string | undefined;

  test('starts a file task from its CodeLens command, watches it run and announces the outcome', async () => {
    const services = await api();
    const auditPick = stubWindow('showQuickPick', (items) => (items as vscode.QuickPickItem[])[0]);
    const messages = stubWindow('showInformationMessage', () => undefined);
    try {
      quarantineTaskId = await vscode.commands.executeCommand<string>(START_TASK_COMMAND, workspaceFile('quarantine.mitigation.json').toString(), 'quarantine-shared');
      assert.match(quarantineTaskId ?? '', /^quarantine-shared-\d{8}T\d{6}Z$/);
      assert.equal(auditPick.calls.length, 1, 'the task leaves the audit open, so the user picks one');

      // Right after the start the Tasks view shows it running (the emulator is paced).
      const running = await services.trees.tasks.getChildren();
      const runningItem = services.trees.tasks.getTreeItem(running[0]) as vscode.TreeItem;
      assert.equal(runningItem.label, quarantineTaskId);
      // The view and the completion notice follow it through the one task watcher.
      assert.ok(services.taskWatcher.followed.includes(quarantineTaskId!), `followed: ${services.taskWatcher.followed.join(', ')}`);

      const finished = await waitFor('the task to finish', async () => {
        const task = await (await services.connections.connection()).api.describeTask(quarantineTaskId!);
        return task.taskStatus !== 'IN_PROGRESS' ? task : undefined;
      });
      assert.equal(finished.taskStatus, 'COMPLETED');
      await waitFor('the finish notification', () => messages.calls.some((call) => String(call[0]).startsWith(`Mitigation task ${quarantineTaskId} completed`)));
      // An ended task is no longer asked about.
      await services.trees.tasks.getChildren();
      assert.ok(!services.taskWatcher.followed.includes(quarantineTaskId!), `followed: ${services.taskWatcher.followed.join(', ')}`);
    } finally {
      auditPick.restore();
      messages.restore();
    }
  });

  test('the task had its effects: certificate deactivated, thing quarantined, SNS message sent', async () => {
    const services = await api();
    const tables = await emulatorState(services);
    const shared = (tables.findings as Row[]).map(([, finding]) => finding).find((finding) => finding.checkName === 'DEVICE_CERTIFICATE_SHARED_CHECK');
    assert.ok(shared, 'the demo audit has a shared-certificate finding');
    const certificateId = ((shared.nonCompliantResource as { resourceIdentifier: { deviceCertificateId: string } }).resourceIdentifier).deviceCertificateId;
    const certificate = (tables.certificates as Row[]).find(([id]) => id === certificateId)?.[1];
    assert.equal(certificate?.status, 'INACTIVE');
    const things = (tables.things as Row[]).map(([, thing]) => thing).filter((thing) => (thing.principals as string[]).includes(certificateId));
    assert.ok(things.length > 0);
    assert.ok(things.every((thing) => (thing.groupNames as string[]).includes('Quarantine')), JSON.stringify(things.map((thing) => thing.groupNames)));
    assert.ok((tables.snsMessages as Row[]).length > 0);
  });

  test('the Tasks view shows the completed task, its per-check statistics and executions', async () => {
    const services = await api();
    const tree = services.trees.tasks;
    tree.refresh();
    const tasks = await tree.getChildren();
    const taskNode = tasks.find((node) => (tree.getTreeItem(node) as vscode.TreeItem).label === quarantineTaskId);
    assert.ok(taskNode);
    const taskItem = tree.getTreeItem(taskNode) as vscode.TreeItem;
    assert.equal((taskItem.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.equal(taskItem.contextValue, 'task');
    const checks = await tree.getChildren(taskNode);
    const checkItem = tree.getTreeItem(checks[0]) as vscode.TreeItem;
    assert.equal(checkItem.label, 'DEVICE_CERTIFICATE_SHARED_CHECK');
    assert.equal(checkItem.description, '1/1 succeeded');
    const executions = await tree.getChildren(checks[0]);
    const items = executions.map((node) => tree.getTreeItem(node) as vscode.TreeItem);
    assert.deepEqual(items.map((item) => String(item.label).split(' → ')[0]).sort(), ['DeactivateDeviceCertificate', 'NotifySecurityTeam', 'QuarantineDevice']);
    assert.ok(items.every((item) => item.description === 'completed'), JSON.stringify(items.map((item) => item.description)));
  });

  test('cancels a running task', async () => {
    const services = await api();
    let taskId: string | undefined;
    // The first pick is the audit; the second, from Cancel Task in the palette, the running task.
    const picks = stubWindow('showQuickPick', (items) => {
      const list = items as vscode.QuickPickItem[];
      return list.find((item) => item.label === taskId) ?? list[0];
    });
    const messages = stubWindow('showInformationMessage', () => undefined);
    const warnings = stubWindow('showWarningMessage', () => undefined);
    try {
      taskId = await vscode.commands.executeCommand<string>(START_TASK_COMMAND, workspaceFile('quarantine.mitigation.json').toString(), 'notify-device-findings');
      assert.ok(taskId);
      const tasks = await services.trees.tasks.getChildren();
      const runningItem = services.trees.tasks.getTreeItem(tasks[0]) as vscode.TreeItem;
      assert.equal(runningItem.contextValue, 'task.running', 'a running task offers Cancel');
      assert.equal((runningItem.iconPath as vscode.ThemeIcon).id, 'loading~spin');
      // While a task runs the view refreshes itself (every second in this suite's settings).
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no automatic refresh within 5 s')), 5000);
        const once = services.trees.tasks.onDidChangeTreeData(() => { clearTimeout(timer); once.dispose(); resolve(); });
      });
      // The details panel of the running task follows it too, and redraws when it ends.
      const panel = await vscode.commands.executeCommand<{ html: string; panel: vscode.WebviewPanel; sentSummary?: { facts: string } }>('mitigations.showTaskDetails', taskId);
      assert.match(panel.html, /id="task-status">IN_PROGRESS</);
      assert.equal(await vscode.commands.executeCommand('mitigations.cancelTask'), true);
      assert.deepEqual(picks.calls[1][0], [{ label: taskId, description: (picks.calls[1][0] as vscode.QuickPickItem[])[0].description }]);
      const canceled = await waitFor('the cancellation', async () => {
        const task = await (await services.connections.connection()).api.describeTask(taskId!);
        return task.taskStatus === 'CANCELED' ? task : undefined;
      });
      const canceledFindings = Object.values(canceled.taskStatistics ?? {}).reduce((sum, stats) => sum + (stats.canceledFindingsCount ?? 0), 0);
      assert.ok(canceledFindings > 0, JSON.stringify(canceled.taskStatistics));
      await waitFor('the outcome notification', () => warnings.calls.some((call) => String(call[0]).includes(`${taskId} canceled`)));
      // The page stays; its facts and chart are sent again as the task changes.
      await waitFor('the details panel to show the end', () => /id="task-status">CANCELED</.test(panel.sentSummary?.facts ?? ''));
      panel.panel.dispose();
    } finally {
      picks.restore();
      messages.restore();
      warnings.restore();
    }
  });

  test('opens the task details webview with the chart and the executions table', async () => {
    const panel = await vscode.commands.executeCommand<{ html: string; panel: vscode.WebviewPanel; sent?: { rows: string; heading: string }; openJson(): Promise<void> }>('mitigations.showTaskDetails', quarantineTaskId);
    assert.ok(panel);
    assert.equal(panel.panel.visible, true);
    assert.match(panel.html, /<div class="chart" role="list"/);
    assert.match(panel.html, /class="check-name" title="DEVICE_CERTIFICATE_SHARED_CHECK"/);
    assert.match(panel.html, /script-src 'nonce-/);
    // The rows follow the page once its script listens.
    const sent = await waitFor('the rows sent to the webview', () => panel.sent);
    assert.equal((sent.rows.match(/<tr data-status="COMPLETED">/g) ?? []).length, 3);
    assert.equal(sent.heading, '3 of 3 executions');
    // Each execution names its finding's resource: the shared certificate, short, whole on hover.
    assert.match(sent.rows, /<td class="resource" title="Device certificate [0-9a-f]{64}"><span class="kind">Device certificate<\/span> [0-9a-f]{10}…<\/td>/);
    await panel.openJson();
    const json = await waitFor('the JSON document', () => vscode.window.visibleTextEditors.find((editor) => editor.document.uri.path.endsWith(`${quarantineTaskId}.task.json`)));
    assert.equal(JSON.parse(json.document.getText()).taskStatus, 'COMPLETED');
    panel.panel.dispose();
  });
});

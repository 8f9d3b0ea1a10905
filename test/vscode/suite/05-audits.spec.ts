import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, waitFor } from '../helpers';

suite('Audits', () => {
  test('recent audits → checks with non-compliant counts → findings', async () => {
    const services = await api();
    const tree = services.trees.audits;
    tree.refresh();
    const audits = await tree.getChildren();
    assert.ok(audits.length > 0);
    const auditItem = tree.getTreeItem(audits[0]) as vscode.TreeItem;
    assert.equal(auditItem.contextValue, 'audit');
    const checks = await tree.getChildren(audits[0]);
    const checkItems = checks.map((node) => tree.getTreeItem(node) as vscode.TreeItem);
    assert.equal(checkItems[0].contextValue, 'auditCheck.nonCompliant', 'non-compliant checks come first');
    assert.match(String(checkItems[0].description), /^\d+ non-compliant of \d+$/);
    const findings = await tree.getChildren(checks[0]);
    assert.ok(findings.length > 0);
    assert.equal((tree.getTreeItem(findings[0]) as vscode.TreeItem).contextValue, 'finding');
  });

  test('runs an on-demand audit that appears in the view', async () => {
    const services = await api();
    const taskId = await vscode.commands.executeCommand<string>('mitigations.runAudit', ['LOGGING_DISABLED_CHECK']);
    assert.ok(taskId);
    await waitFor('the new audit in the Audits view', async () => {
      services.trees.audits.refresh();
      const audits = await services.trees.audits.getChildren();
      return audits.some((node) => (services.trees.audits.getTreeItem(node) as vscode.TreeItem).label === taskId);
    });
  });

  test('starts a task for a check\'s findings through the multi-step QuickPick', async () => {
    const services = await api();
    const tree = services.trees.audits;
    tree.refresh();
    const audits = await tree.getChildren();
    const demoAudit = await waitFor('a completed audit', async () => {
      for (const audit of audits) {
        const checks = await tree.getChildren(audit);
        const shared = checks.find((node) => (tree.getTreeItem(node) as vscode.TreeItem).label === 'DEVICE_CERTIFICATE_KEY_QUALITY_CHECK');
        if (shared) return shared;
      }
      return undefined;
    });
    let settled = false;
    const started = Promise.resolve(vscode.commands.executeCommand<string | undefined>('mitigations.startTask', demoAudit)).finally(() => { settled = true; });
    // Accept like a person pressing Enter: step 3/4 (actions, with notifications and quarantine
    // pre-selected), then step 4/4 ("Start task …" is the first item). An Enter while no
    // QuickPick is open does nothing, so keep pressing until the command returns.
    for (let attempt = 0; attempt < 60 && !settled; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const taskId = await started;
    assert.match(taskId ?? '', /^mitigate-/);
    const task = await (await services.connections.connection()).api.describeTask(taskId!);
    assert.deepEqual(task.auditCheckToActionsMapping, { DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ['NotifySecurityTeam', 'QuarantineDevice'] });
  });
});

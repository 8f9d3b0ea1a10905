import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, stubWindow, waitFor } from '../helpers';

suite('Audits', () => {
  test('recent audits → checks with non-compliant counts → findings', async () => {
    const services = await api();
    const tree = services.trees.audits;
    tree.refresh();
    // The Schedules node stands above the audits (12-audit-views.spec.ts).
    const [schedules, ...audits] = await tree.getChildren();
    assert.equal((tree.getTreeItem(schedules) as vscode.TreeItem).contextValue, 'schedules');
    assert.ok(audits.length > 0);
    const auditItem = tree.getTreeItem(audits[0]) as vscode.TreeItem;
    assert.equal(auditItem.contextValue, 'audit');
    // Labelled as a person tells audits apart; the id is in the tooltip.
    assert.match(String(auditItem.label), /^On-demand audit · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · \d+ non-compliant, \d+ critical$/);
    assert.match((auditItem.tooltip as vscode.MarkdownString).value, /Audit `[0-9a-f]{32}`/);
    const checks = await tree.getChildren(audits[0]);
    const checkItems = checks.map((node) => tree.getTreeItem(node) as vscode.TreeItem);
    assert.equal(checkItems[0].contextValue, 'auditCheck.nonCompliant', 'non-compliant checks come first');
    assert.match(String(checkItems[0].description), /^\d+ non-compliant of \d+$/);
    const findings = await tree.getChildren(checks[0]);
    assert.ok(findings.length > 0);
    const findingItem = tree.getTreeItem(findings[0]) as vscode.TreeItem;
    assert.equal(findingItem.contextValue, 'finding');
    // Named by its resource, and Enter opens its details.
    assert.match(String(findingItem.label), /^(Device certificate|CA certificate|Policy|Client ID|Account settings|Role alias) /);
    assert.equal(findingItem.command?.command, 'mitigations.showFindingDetails');
  });

  test('runs an on-demand audit that appears first in the view, is followed, and announced when it ends', async () => {
    const services = await api();
    const messages = stubWindow('showInformationMessage', () => undefined);
    try {
      const taskId = await vscode.commands.executeCommand<string>('mitigations.runAudit', ['LOGGING_DISABLED_CHECK']);
      assert.ok(taskId);
      assert.ok(services.trees.audits.followed.includes(taskId), `followed: ${services.trees.audits.followed.join(', ')}`);
      await waitFor('the announcement', () => messages.calls.some((call) => /^Audit finished: On-demand audit · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · (all compliant|\d+ non-compliant)/.test(String(call[0]))));
      assert.ok(!services.trees.audits.followed.includes(taskId), 'an ended audit is no longer followed');
      const [, newest] = await services.trees.audits.getChildren();
      assert.equal((newest as unknown as { auditTaskId: string }).auditTaskId, taskId, 'newest first, under the Schedules node');
    } finally {
      messages.restore();
    }
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
    // The wizard's real QuickPicks, captured as they are created, answered like a person would.
    const picks: vscode.QuickPick<vscode.QuickPickItem>[] = [];
    const window = vscode.window as unknown as { createQuickPick: typeof vscode.window.createQuickPick };
    const original = window.createQuickPick;
    window.createQuickPick = (() => {
      const pick = original();
      picks.push(pick);
      return pick;
    }) as typeof vscode.window.createQuickPick;
    let taskId: string | undefined;
    try {
      const started = Promise.resolve(vscode.commands.executeCommand<string | undefined>('mitigations.startTask', demoAudit));
      const step3 = await waitFor('step 3/4', () => picks.find((pick) => pick.title?.includes('(3/4)')));
      // Nothing is pre-selected; OK with nothing selected keeps the step open and says why.
      assert.deepEqual(step3.selectedItems, []);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await waitFor('the empty-selection message', () => step3.placeholder?.startsWith('Select at least one item'));
      assert.equal(picks.filter((pick) => pick.title?.includes('(4/4)')).length, 0, 'the wizard stayed on step 3');
      step3.selectedItems = step3.items.filter((item) => item.label === 'NotifySecurityTeam' || item.label === 'QuarantineDevice');
      // The selection reaches the workbench asynchronously: press Enter until the next step opens.
      const step4 = await waitFor('step 4/4', async () => {
        const next = picks.find((pick) => pick.title?.includes('(4/4)'));
        if (!next) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return next;
      });
      // The whole mapping, one row per check, below the buttons.
      assert.deepEqual(step4.items.filter((item) => item.detail).map((item) => [item.label, item.detail]), [['$(list-ordered) DEVICE_CERTIFICATE_KEY_QUALITY_CHECK', 'NotifySecurityTeam → QuarantineDevice']]);
      step4.activeItems = [step4.items[0]];
      let settled = false;
      void started.finally(() => { settled = true; });
      await waitFor('the task to start', async () => {
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return settled;
      });
      taskId = await started;
    } finally {
      window.createQuickPick = original;
    }
    assert.match(taskId ?? '', /^mitigate-/);
    const task = await (await services.connections.connection()).api.describeTask(taskId!);
    assert.deepEqual(task.auditCheckToActionsMapping, { DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ['NotifySecurityTeam', 'QuarantineDevice'] });
  });
});

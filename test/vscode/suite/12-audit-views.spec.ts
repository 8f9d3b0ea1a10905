/**
 * The audit loop in the Audits view, against the bundled emulator: the Schedules node with a
 * scheduled audit's next and last run, Suppress Finding… applied to the account (the tree marks
 * the finding with its expiry) and removed again, and a suppression written into a mitigation
 * file of the workspace with its comments kept.
 */
import { CreateScheduledAuditCommand, DeleteScheduledAuditCommand, IoTClient, ListAuditSuppressionsCommand } from '@aws-sdk/client-iot';
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../../../client/connection/model/emulatorCli';
import { answerSuppressPicks, api, auditFindings, findingIdOf, stubWindow, tooltipOf, treeItemOf, waitFor, workspaceFile } from '../helpers';

const CHECK = 'DEVICE_CERTIFICATE_SHARED_CHECK';
const REASON = 'Lab devices share one certificate until the migration';

suite('Audit views: schedules and suppressions', () => {
  let iot: IoTClient;

  suiteSetup(async () => {
    const services = await api();
    await waitFor('the emulator connection', async () => (await services.connections.connection()).label === 'emulator');
    iot = new IoTClient({ endpoint: services.connections.emulator.url, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  });

  suiteTeardown(async () => {
    await iot.send(new DeleteScheduledAuditCommand({ scheduledAuditName: 'WeeklyCertificates' })).catch(() => undefined);
    iot.destroy();
  });

  test('the Schedules node stands first and lists a scheduled audit with its day, checks and next run', async () => {
    const services = await api();
    const tree = services.trees.audits;
    await iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'WeeklyCertificates', frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: [CHECK, 'LOGGING_DISABLED_CHECK'] }));
    tree.refresh();
    const [schedules] = await tree.getChildren();
    const shown = treeItemOf(tree, schedules);
    assert.equal(shown.label, 'Schedules');
    assert.equal(shown.contextValue, 'schedules');
    const weekly = (await tree.getChildren(schedules)).map((node) => treeItemOf(tree, node)).find((candidate) => candidate.label === 'WeeklyCertificates');
    assert.ok(weekly, 'the scheduled audit is listed');
    assert.match(String(weekly.description), /^weekly on Monday · next (\d{4}-\d{2}-\d{2}) 00:00 · not run yet$/);
    const next = /next (\d{4}-\d{2}-\d{2})/.exec(String(weekly.description))![1];
    assert.equal(new Date(`${next}T00:00:00Z`).getUTCDay(), 1, 'the next run is a Monday');
    const tooltip = tooltipOf(weekly);
    assert.match(tooltip, new RegExp(`- ${CHECK}\\n- LOGGING_DISABLED_CHECK`));
    assert.match(tooltip, /AWS picks the time of day/);
  });

  test('Suppress Finding… applied to the account marks the finding with its expiry; Remove Suppression takes it away', async () => {
    const services = await api();
    const tree = services.trees.audits;
    const target = (await auditFindings(tree, CHECK)).find((node) => treeItemOf(tree, node).contextValue === 'finding');
    assert.ok(target, 'a finding that is not suppressed');
    const findingId = findingIdOf(target);
    const reasons = stubWindow('showInputBox', () => REASON);
    const picks = answerSuppressPicks('90 days', /^Apply to emulator now$/);
    try {
      assert.equal(await vscode.commands.executeCommand('mitigations.suppressFinding', target), 'applied');
      const validate = (reasons.calls[0][0] as vscode.InputBoxOptions).validateInput!;
      assert.match(String(await validate('')), /required/, 'the reason is asked for and required');
      assert.match(String(await validate('x'.repeat(1001))), /At most 1000 characters/);
    } finally {
      reasons.restore();
      picks.restore();
    }
    const until = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 90 * 86_400_000).toISOString().slice(0, 10);
    const marked = await waitFor('the finding marked suppressed', async () => (await auditFindings(tree, CHECK)).find((node) => findingIdOf(node) === findingId && treeItemOf(tree, node).contextValue === 'finding.suppressed'));
    assert.match(String(treeItemOf(tree, marked).description), new RegExp(` · suppressed until ${until}`));
    assert.match(tooltipOf(await tree.resolveTreeItem(treeItemOf(tree, marked), marked)), new RegExp(`Suppressed until ${until}: ${REASON}`));
    const details = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.showFindingDetails', marked);
    assert.match(details.document.getText(), new RegExp(`\\*\\*Suppression:\\*\\* until ${until}: ${REASON}`));
    const listed = await iot.send(new ListAuditSuppressionsCommand({ checkName: CHECK }));
    assert.ok(listed.suppressions?.some((suppression) => suppression.description === REASON), 'CreateAuditSuppression reached the emulator');

    const confirm = stubWindow('showWarningMessage', (message, options, ...buttons) => {
      assert.match(String(message), /Remove the suppression of DEVICE_CERTIFICATE_SHARED_CHECK on Device certificate/);
      assert.equal((options as vscode.MessageOptions).modal, true);
      return buttons[0];
    });
    try {
      assert.equal(await vscode.commands.executeCommand('mitigations.removeSuppression', marked), true);
      assert.equal(confirm.calls.length, 1, 'asked first');
    } finally {
      confirm.restore();
    }
    const plain = await waitFor('the mark gone', async () => (await auditFindings(tree, CHECK)).find((node) => findingIdOf(node) === findingId && treeItemOf(tree, node).contextValue === 'finding'));
    assert.doesNotMatch(String(treeItemOf(tree, plain).description), /suppressed until/);
    const left = await iot.send(new ListAuditSuppressionsCommand({ checkName: CHECK }));
    assert.ok(!left.suppressions?.some((suppression) => suppression.description === REASON), 'DeleteAuditSuppression reached the emulator');
  });

  test('Suppress Finding… written into a mitigation file appends to its suppressions, comments kept; Remove offers to take it out', async () => {
    const services = await api();
    const tree = services.trees.audits;
    const file = workspaceFile('accepted.mitigation.json');
    const original = '{\n  // Findings the security team accepted.\n  "suppressions": []\n}\n';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(original));
    const target = (await auditFindings(tree, CHECK)).find((node) => treeItemOf(tree, node).contextValue === 'finding');
    assert.ok(target);
    const { resourceIdentifier } = (target as unknown as { finding: { nonCompliantResource: { resourceIdentifier: Record<string, string> } } }).finding.nonCompliantResource;
    const reasons = stubWindow('showInputBox', () => REASON);
    const picks = answerSuppressPicks('Indefinitely', /^Write into accepted\.mitigation\.json$/);
    try {
      assert.equal(await vscode.commands.executeCommand('mitigations.suppressFinding', target), 'written');
    } finally {
      reasons.restore();
      picks.restore();
    }
    const document = await vscode.workspace.openTextDocument(file);
    const text = document.getText();
    assert.ok(text.startsWith('{\n  // Findings the security team accepted.\n  "suppressions": [\n    {\n'), text);
    const written = JSON.parse(text.replace(/^\s*\/\/.*$/m, '')) as { suppressions: unknown[] };
    assert.deepEqual(written.suppressions, [{ checkName: CHECK, resourceIdentifier, suppressIndefinitely: true, description: REASON }]);
    assert.equal(document.isDirty, false, 'saved');
    const unchanged = await iot.send(new ListAuditSuppressionsCommand({ checkName: CHECK }));
    assert.ok(!unchanged.suppressions?.some((suppression) => suppression.description === REASON), 'the file is applied by a deploy, not now');

    // Applied as well, then removed: the file still has it, and Remove offers to take it out.
    const applyReasons = stubWindow('showInputBox', () => REASON);
    const applyPicks = answerSuppressPicks('Indefinitely', /^Apply to emulator now$/);
    try {
      assert.equal(await vscode.commands.executeCommand('mitigations.suppressFinding', target), 'applied');
    } finally {
      applyReasons.restore();
      applyPicks.restore();
    }
    const marked = await waitFor('the finding marked', async () => (await auditFindings(tree, CHECK)).find((node) => findingIdOf(node) === findingIdOf(target) && treeItemOf(tree, node).contextValue === 'finding.suppressed'));
    assert.match(String(treeItemOf(tree, marked).description), / · suppressed indefinitely/);
    const confirm = stubWindow('showWarningMessage', (_message, _options, ...buttons) => buttons[0]);
    const offer = stubWindow('showInformationMessage', (_message, ...buttons) => buttons[0]);
    try {
      assert.equal(await vscode.commands.executeCommand('mitigations.removeSuppression', marked), true);
      assert.match(String(offer.calls[0]?.[0]), /accepted\.mitigation\.json still suppresses DEVICE_CERTIFICATE_SHARED_CHECK/);
    } finally {
      confirm.restore();
      offer.restore();
    }
    const after = JSON.parse((await vscode.workspace.openTextDocument(file)).getText().replace(/^\s*\/\/.*$/m, '')) as { suppressions: unknown[] };
    assert.deepEqual(after.suppressions, [], 'taken out of the file');
    await vscode.workspace.fs.delete(file);
  });
});

/**
 * The audit loop on a real account through the "production" profile (an emulator playing
 * 210987654321 in eu-west-1, see 08-real-account.spec.ts): a deploy of the audit-loop sections
 * asks with a modal naming account and region, and names disabling a check and turning the SNS
 * target off as destructive; Suppress Finding… applied to the account and Remove Suppression ask
 * the same way; every cancel is checked to change nothing in that emulator's state; the Schedules
 * node lists the account's scheduled audits; importing the loop reads without asking.
 *
 * What the account keeps (schedules and suppressions the files do not name) is counted from its
 * state before each deploy, so the expectations hold whatever 08 left there.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { REAL_ACCOUNT, answerSuppressPicks, answering, api, auditFindings, closeEditorsDiscarding, keptInAccount, modalCalls, realAccountAdmin, realAccountState, stateRows, storedAuditConfiguration, treeItemOf, waitFor, workspaceFile } from '../helpers';

const WHERE = `account ${REAL_ACCOUNT.id} (${REAL_ACCOUNT.region})`;
const LABEL = `local emulator ${REAL_ACCOUNT.id} ${REAL_ACCOUNT.region}`;
const AUDIT_ROLE = `arn:aws:iam::${REAL_ACCOUNT.id}:role/DeviceDefenderAuditRole`;
const TOPIC = `arn:aws:sns:${REAL_ACCOUNT.region}:${REAL_ACCOUNT.id}:AuditLoopNotifications`;
const EXPIRING = 'DEVICE_CERTIFICATE_EXPIRING_CHECK';
const KEY_QUALITY = 'CA_CERTIFICATE_KEY_QUALITY_CHECK';
const RIG = 'CONFLICTING_CLIENT_IDS_CHECK';
const SHARED = 'DEVICE_CERTIFICATE_SHARED_CHECK';
const REASON = 'The lab cameras share one certificate until the migration';
const FILE_SCHEDULES = ['weekly-certificates', 'daily-logging'];

/** The account's audit loop as its team writes it; `off` turns the SNS target and a check off. */
function loopFile(off: boolean): string {
  const sns = off ? '{ "enabled": false }' : `{ "targetArn": "${TOPIC}", "roleArn": "${AUDIT_ROLE}", "enabled": true }`;
  return `{
  // The audit loop of account ${REAL_ACCOUNT.id}, deployed through the production profile.
  "auditConfiguration": {
    "roleArn": "${AUDIT_ROLE}",
    "auditNotificationTargetConfigurations": { "SNS": ${sns} },
    "auditCheckConfigurations": {
      "${EXPIRING}": { "enabled": true, "configuration": { "CERT_EXPIRATION_THRESHOLD_IN_DAYS": "60" } },
      "${KEY_QUALITY}": { "enabled": ${!off} }
    }
  },
  "scheduledAudits": {
    "weekly-certificates": { "frequency": "WEEKLY", "dayOfWeek": "MON", "targetCheckNames": ["${EXPIRING}"] },
    "daily-logging": { "frequency": "DAILY", "targetCheckNames": ["LOGGING_DISABLED_CHECK"] }
  },
  "suppressions": [
    { "checkName": "${RIG}", "resourceIdentifier": { "clientId": "field-test-rig" }, "expirationDate": "2031-01-01", "description": "The field test rig reuses one client id" }
  ]
}
`;
}

/** What an audit-loop command may change: these tables are equal before and after a cancel. */
async function loopTables(): Promise<Record<string, unknown>> {
  const tables = await realAccountState();
  return { scheduledAudits: tables.scheduledAudits, suppressions: tables.suppressions, settings: tables.settings, mitigationActions: tables.mitigationActions };
}

/** Schedules and suppressions of the account that the loop file does not name: what a deploy keeps. */
async function keptByTheFile(): Promise<{ schedules: number; suppressions: number }> {
  const tables = await realAccountState();
  return {
    schedules: stateRows(tables, 'scheduledAudits').filter((audit) => !FILE_SCHEDULES.includes(String(audit.scheduledAuditName))).length,
    suppressions: stateRows(tables, 'suppressions').filter((row) => !(row.checkName === RIG && (row.resourceIdentifier as { clientId?: string }).clientId === 'field-test-rig')).length,
  };
}

const detailOf = (call: unknown[]) => String((call[1] as { detail?: string }).detail);
/** `text` matched literally inside a RegExp. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

suite('The audit loop on a real account through a profile (emulator playing 210987654321, eu-west-1)', () => {
  const settings = () => vscode.workspace.getConfiguration('mitigations');
  const loop = workspaceFile('account-audit-loop.mitigation.json');
  const loopOff = workspaceFile('account-audit-loop-off.mitigation.json');

  suiteSetup(async () => {
    await settings().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('aws.profile', 'production', vscode.ConfigurationTarget.Global);
    await settings().update('aws.region', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('connection', 'aws', vscode.ConfigurationTarget.Global);
    const services = await api();
    await waitFor('the production connection', async () => (await services.connections.connection()).accountId === REAL_ACCOUNT.id);
    await vscode.workspace.fs.writeFile(loop, new TextEncoder().encode(loopFile(false)));
    await vscode.workspace.fs.writeFile(loopOff, new TextEncoder().encode(loopFile(true)));
  });

  suiteTeardown(async () => {
    await closeEditorsDiscarding();
    for (const uri of [loop, loopOff]) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
    await settings().update('connection', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('aws.profile', undefined, vscode.ConfigurationTarget.Global);
  });

  test('deploying the sections asks with a modal naming account and region; cancelling changes nothing; accepting applies them', async () => {
    const before = await realAccountState();
    const configuration = storedAuditConfiguration(before);
    assert.equal(configuration.notifications?.SNS, undefined, 'the account starts without an SNS target');
    assert.equal(configuration.checks[KEY_QUALITY]?.enabled, true, `${KEY_QUALITY} is enabled, as AWS enables it`);
    const counts = await keptByTheFile();
    const unchanged = await loopTables();
    await answering({ showWarningMessage: () => undefined, showInformationMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand('mitigations.deployActions', loop), undefined);
      const [question, ...more] = modalCalls(stubs.showWarningMessage);
      assert.equal(more.length, 0, 'one question');
      assert.equal(question[0], `Deploy 4 change(s) (audit configuration: update (SNS, ${EXPIRING}); scheduled audits: 2 to create, 0 to update, 0 unchanged${keptInAccount(counts.schedules)}; `
        + `suppressions: 1 to create, 0 to update, 0 unchanged${keptInAccount(counts.suppressions)}) in ${WHERE}?`);
      assert.deepEqual(question.slice(2), ['Deploy']);
      assert.match(detailOf(question), new RegExp(`^Audit configuration:\\n~ update SNS, ${EXPIRING}\\nScheduled audits:\\n\\+ weekly-certificates\\n\\+ daily-logging\\n(In the account, not in this file \\(kept\\): .+\\n)?Suppressions:\\n\\+ ${RIG} for clientId field-test-rig\\n`));
      assert.match(detailOf(question), /not the one this extension started, so it is confirmed like a real account/);
      assert.equal(modalCalls(stubs.showInformationMessage).length, 0);
    });
    assert.deepEqual(await loopTables(), unchanged, 'Cancel changed nothing in the account');

    await answering({ showWarningMessage: (_message, _options, button) => button, showInformationMessage: () => undefined }, async (stubs) => {
      await vscode.commands.executeCommand('mitigations.deployActions', loop);
      const report = stubs.showInformationMessage.calls.find((call) => String(call[0]).startsWith('Deployed to'));
      assert.ok(report, 'a deploy report');
      assert.equal(report[0], `Deployed to ${WHERE}: 3 created, 1 updated.`);
      assert.equal(detailOf(report), `Now in the account:\n- audit configuration updated\n- scheduled audit weekly-certificates created\n- scheduled audit daily-logging created\n- suppression ${RIG} for clientId field-test-rig created`);
    });
    const after = await realAccountState();
    const applied = storedAuditConfiguration(after);
    assert.deepEqual(applied.notifications?.SNS, { targetArn: TOPIC, roleArn: AUDIT_ROLE, enabled: true });
    assert.deepEqual(applied.checks[EXPIRING], { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '60' } });
    const schedules = new Map(stateRows(after, 'scheduledAudits').map((audit) => [String(audit.scheduledAuditName), audit]));
    assert.deepEqual([schedules.get('weekly-certificates')?.frequency, schedules.get('weekly-certificates')?.dayOfWeek, schedules.get('weekly-certificates')?.targetCheckNames], ['WEEKLY', 'MON', [EXPIRING]]);
    assert.deepEqual([schedules.get('daily-logging')?.frequency, schedules.get('daily-logging')?.targetCheckNames], ['DAILY', ['LOGGING_DISABLED_CHECK']]);
    const rig = stateRows(after, 'suppressions').find((row) => row.checkName === RIG);
    assert.deepEqual([rig?.resourceIdentifier, rig?.expirationDate, rig?.description], [{ clientId: 'field-test-rig' }, Date.UTC(2031, 0, 1), 'The field test rig reuses one client id']);
    assert.equal(stateRows(after, 'suppressions').length, stateRows(before, 'suppressions').length + 1, 'the account\'s other suppressions are kept');
  });

  test('turning the SNS target off and disabling a check are named as destructive first; cancelling keeps both on', async () => {
    const counts = await keptByTheFile();
    const unchanged = await loopTables();
    await answering({ showWarningMessage: () => undefined, showInformationMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand('mitigations.deployActions', loopOff), undefined);
      const [question] = modalCalls(stubs.showWarningMessage);
      assert.equal(question[0], `Turn off the SNS notification target, disable ${KEY_QUALITY} and deploy 1 change(s) (audit configuration: update (SNS, ${KEY_QUALITY}); `
        + `scheduled audits: 0 to create, 0 to update, 2 unchanged${keptInAccount(counts.schedules)}; suppressions: 0 to create, 0 to update, 1 unchanged${keptInAccount(counts.suppressions)}) in ${WHERE}?`);
      assert.match(detailOf(question), new RegExp(`^Audit configuration:\\n~ update SNS, ${KEY_QUALITY}\\n! turn off the SNS notification target \\(destructive\\)\\n! disable ${KEY_QUALITY} \\(destructive\\)\\nScheduled audits:\\n`));
    });
    assert.deepEqual(await loopTables(), unchanged, 'Cancel changed nothing in the account');
    const stillOn = storedAuditConfiguration(await realAccountState());
    assert.deepEqual([stillOn.notifications?.SNS?.enabled, stillOn.checks[KEY_QUALITY]?.enabled], [true, true]);

    await answering({ showWarningMessage: (_message, _options, button) => button, showInformationMessage: () => undefined }, async (stubs) => {
      await vscode.commands.executeCommand('mitigations.deployActions', loopOff);
      assert.equal(stubs.showInformationMessage.calls.find((call) => String(call[0]).startsWith('Deployed to'))?.[0], `Deployed to ${WHERE}: 1 updated, 3 unchanged.`);
    });
    const off = storedAuditConfiguration(await realAccountState());
    assert.deepEqual(off.notifications?.SNS, { targetArn: TOPIC, roleArn: AUDIT_ROLE, enabled: false }, 'turned off, its topic kept');
    assert.equal(off.checks[KEY_QUALITY]?.enabled, false);
  });

  test('Suppress Finding… applied to the account asks naming account and region; cancelling creates nothing; accepting creates the suppression', async () => {
    const tree = (await api()).trees.audits;
    const target = (await auditFindings(tree, SHARED)).find((node) => treeItemOf(tree, node).contextValue === 'finding');
    assert.ok(target, 'a finding that is not suppressed');
    const certificateId = (target as unknown as { finding: { nonCompliantResource: { resourceIdentifier: { deviceCertificateId: string } } } }).finding.nonCompliantResource.resourceIdentifier.deviceCertificateId;
    const until = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 90 * 86_400_000).toISOString().slice(0, 10);
    const suppressionOfTarget = async () => stateRows(await realAccountState(), 'suppressions').find((row) => row.checkName === SHARED && (row.resourceIdentifier as { deviceCertificateId?: string }).deviceCertificateId === certificateId);
    assert.equal(await suppressionOfTarget(), undefined);
    const before = await loopTables();
    const suppress = (confirm: (...args: unknown[]) => unknown) => answering({ showInputBox: () => REASON, showWarningMessage: confirm }, async (stubs) => {
      const picks = answerSuppressPicks('90 days', new RegExp(`^Apply to ${literal(LABEL)} now$`));
      try {
        return { result: await vscode.commands.executeCommand('mitigations.suppressFinding', target), modals: modalCalls(stubs.showWarningMessage) };
      } finally {
        picks.restore();
      }
    });

    const cancelled = await suppress(() => undefined);
    assert.equal(cancelled.result, undefined);
    const [question] = cancelled.modals;
    assert.match(String(question[0]), new RegExp(`^Suppress ${SHARED} on Device certificate \\S+ until ${until} in ${literal(WHERE)}\\?$`));
    assert.deepEqual(question.slice(2), ['Suppress']);
    assert.match(detailOf(question), new RegExp(`^Reason: ${REASON}\\n\\n.*confirmed like a real account`));
    assert.deepEqual(await loopTables(), before, 'Cancel created no suppression');

    const accepted = await suppress((_message, _options, button) => button);
    assert.equal(accepted.result, 'applied');
    assert.equal(accepted.modals.length, 1);
    const created = await suppressionOfTarget();
    assert.deepEqual([created?.expirationDate, created?.description], [Date.parse(`${until}T00:00:00Z`), REASON]);
  });

  test('Remove Suppression asks naming account and region; cancelling keeps the suppression; accepting deletes it', async () => {
    const tree = (await api()).trees.audits;
    const marked = await waitFor('the finding marked suppressed', async () => (await auditFindings(tree, SHARED)).find((node) => treeItemOf(tree, node).contextValue === 'finding.suppressed' && /suppressed until/.test(String(treeItemOf(tree, node).description))));
    const certificateId = (marked as unknown as { finding: { nonCompliantResource: { resourceIdentifier: { deviceCertificateId: string } } } }).finding.nonCompliantResource.resourceIdentifier.deviceCertificateId;
    const count = async () => stateRows(await realAccountState(), 'suppressions').filter((row) => row.checkName === SHARED && (row.resourceIdentifier as { deviceCertificateId?: string }).deviceCertificateId === certificateId).length;
    assert.equal(await count(), 1);
    const before = await loopTables();
    await answering({ showWarningMessage: () => undefined, showInformationMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand('mitigations.removeSuppression', marked), false);
      const [question, ...more] = modalCalls(stubs.showWarningMessage);
      assert.equal(more.length, 0);
      assert.match(String(question[0]), new RegExp(`^Remove the suppression of ${SHARED} on Device certificate \\S+ in ${literal(WHERE)}\\?$`));
      assert.deepEqual(question.slice(2), ['Remove Suppression']);
      assert.match(detailOf(question), /^Remove the suppression of .* \(suppressed until \d{4}-\d{2}-\d{2}\)\? Its next audits report it again and tasks mitigate it\./);
    });
    assert.deepEqual(await loopTables(), before, 'Cancel kept the suppression');
    await answering({ showWarningMessage: (_message, _options, button) => button, showInformationMessage: () => undefined }, async () => {
      assert.equal(await vscode.commands.executeCommand('mitigations.removeSuppression', marked), true);
    });
    assert.equal(await count(), 0, 'DeleteAuditSuppression reached the account');
  });

  test('the Schedules node lists the account\'s scheduled audits with their day and next run', async () => {
    const tree = (await api()).trees.audits;
    tree.refresh();
    const [schedules] = await tree.getChildren();
    assert.equal(treeItemOf(tree, schedules).label, 'Schedules');
    const listed = new Map((await tree.getChildren(schedules)).map((node) => treeItemOf(tree, node)).map((shown) => [String(shown.label), String(shown.description)]));
    const inAccount = stateRows(await realAccountState(), 'scheduledAudits').map((audit) => String(audit.scheduledAuditName)).sort();
    assert.deepEqual([...listed.keys()].sort(), inAccount);
    assert.match(listed.get('weekly-certificates') ?? '', /^weekly on Monday · next \d{4}-\d{2}-\d{2} 00:00 · (not run yet|last .+)$/);
    assert.match(listed.get('daily-logging') ?? '', /^daily · next \d{4}-\d{2}-\d{2} 00:00 · (not run yet|last .+)$/);
  });

  test('Import Audit Loop reads the account without asking and writes what the deploys left there', async () => {
    await closeEditorsDiscarding();
    const before = await loopTables();
    const editor = await answering({ showWarningMessage: () => undefined, showInformationMessage: () => undefined }, async (stubs) => {
      const opened = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.importAuditLoop');
      assert.equal(modalCalls(stubs.showWarningMessage).length + modalCalls(stubs.showInformationMessage).length, 0, 'a read asks nothing');
      return opened;
    });
    const imported = JSON.parse(editor.document.getText()) as { auditConfiguration: { auditNotificationTargetConfigurations: Record<string, unknown>; auditCheckConfigurations: Record<string, unknown> }; scheduledAudits: Record<string, unknown>; suppressions: { resourceIdentifier: { clientId?: string } }[] };
    assert.deepEqual(imported.auditConfiguration.auditNotificationTargetConfigurations.SNS, { targetArn: TOPIC, roleArn: AUDIT_ROLE, enabled: false });
    assert.equal(imported.auditConfiguration.auditCheckConfigurations[KEY_QUALITY], undefined, 'a disabled check is not written');
    assert.deepEqual(imported.scheduledAudits['weekly-certificates'], { frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: [EXPIRING] });
    assert.ok(imported.suppressions.some((suppression) => suppression.resourceIdentifier.clientId === 'field-test-rig'));
    assert.deepEqual(await loopTables(), before);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  test('Import with a role that may not read tags (iot:ListTagsForResource denied): the file is written without tags and the warning says whose', async () => {
    await closeEditorsDiscarding();
    const actions = stateRows(await realAccountState(), 'mitigationActions').map((action) => String(action.actionName)).sort();
    const schedules = stateRows(await realAccountState(), 'scheduledAudits').map((audit) => String(audit.scheduledAuditName)).sort();
    assert.ok(schedules.length > 0, 'the deploys above left schedules to import');
    await realAccountAdmin('POST', 'settings', { denyOperations: ['ListTagsForResource'] });
    try {
      const { editor, warnings } = await answering({ showWarningMessage: () => undefined, showInformationMessage: () => undefined, showErrorMessage: () => undefined }, async (stubs) => {
        const opened = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.importActions');
        assert.deepEqual(stubs.showErrorMessage.calls, [], 'the import went through');
        return { editor: opened, warnings: stubs.showWarningMessage.calls.map((call) => String(call[0])) };
      });
      const imported = JSON.parse(editor.document.getText()) as { actions: Record<string, { tags?: unknown }>; scheduledAudits: Record<string, { tags?: unknown }> };
      assert.deepEqual(Object.keys(imported.actions ?? {}).sort(), actions);
      assert.deepEqual(Object.keys(imported.scheduledAudits).sort(), schedules);
      assert.ok([...Object.values(imported.actions ?? {}), ...Object.values(imported.scheduledAudits)].every((entry) => entry.tags === undefined), 'no tags written');
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /^Imported without tags: the connection may not read the tags \(iot:ListTagsForResource\) of (action|scheduled audit) .+\. A deploy of this file leaves their tags in the account as they are\.$/);
      const named = actions.length + schedules.length;
      if (named > 5) assert.match(warnings[0], new RegExp(`and ${named - 5} more\\.`));
      else for (const name of [...actions, ...schedules]) assert.ok(warnings[0].includes(name), name);
    } finally {
      await realAccountAdmin('POST', 'settings', { denyOperations: [] });
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

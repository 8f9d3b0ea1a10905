/**
 * The audit loop as code against the bundled emulator: a file with the three audit-loop sections
 * (and an action) deployed with its plan per section (create, update, unchanged, and what only the
 * account has, kept), checked in the emulator's state, then deployed again with nothing to do; the
 * account's audit loop imported into a new file and into the file in the editor (its comments
 * kept, and deploying it changes nothing); the file exported as a CloudFormation template.
 *
 * Earlier spec files leave things in this emulator, so every count of what the account keeps is
 * read from the account before the deploy, and the items the plan compares are set up here first.
 */
import {
  CreateAuditSuppressionCommand,
  CreateScheduledAuditCommand,
  DeleteAuditSuppressionCommand,
  DeleteMitigationActionCommand,
  DeleteScheduledAuditCommand,
  DescribeAccountAuditConfigurationCommand,
  IoTClient,
  ListAuditSuppressionsCommand,
  ListMitigationActionsCommand,
  ListScheduledAuditsCommand,
  UpdateAccountAuditConfigurationCommand,
  type DescribeAccountAuditConfigurationCommandOutput,
} from '@aws-sdk/client-iot';
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { errorsOf, readDocumentModel, warningsOf } from '../../../common';
import { LANGUAGE_ID } from '../../../common/lspProtocol';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../../../client/connection/model/emulatorCli';
import { answering, api, closeEditorsDiscarding, emulatorState, keptInAccount, modalCalls, stateRows, storedAuditConfiguration, waitFor, workspaceFile, type StateRow } from '../helpers';

const ACCOUNT = '123456789012';
const AUDIT_ROLE = `arn:aws:iam::${ACCOUNT}:role/DeviceDefenderAuditRole`;
const SUITE_TOPIC = `arn:aws:sns:${EMULATOR_REGION}:${ACCOUNT}:AuditLoopSuite`;
const EXPIRING = 'DEVICE_CERTIFICATE_EXPIRING_CHECK';
const RIG = 'CONFLICTING_CLIENT_IDS_CHECK';
const SUITE_CHECKS = [EXPIRING, 'LOGGING_DISABLED_CHECK', RIG, 'DEVICE_CERTIFICATE_SHARED_CHECK'];

/** Planned against what suiteSetup puts in the account: one of each change per section. */
const FILE_TEXT = `{
  // The audit loop of the VS Code suite (13-audit-deploy.spec.ts).
  "actions": {
    "SuiteNotifyAuditLoop": {
      "roleArn": "arn:aws:iam::${ACCOUNT}:role/IoTMitigationActionsRole",
      "actionParams": { "publishFindingToSnsParams": { "topicArn": "arn:aws:sns:${EMULATOR_REGION}:${ACCOUNT}:DeviceDefenderFindings" } }
    }
  },
  "auditConfiguration": {
    "roleArn": "${AUDIT_ROLE}",
    "auditNotificationTargetConfigurations": {
      "SNS": { "targetArn": "${SUITE_TOPIC}", "roleArn": "${AUDIT_ROLE}", "enabled": true }
    },
    "auditCheckConfigurations": {
      "${EXPIRING}": { "enabled": true, "configuration": { "CERT_EXPIRATION_THRESHOLD_IN_DAYS": "45" } },
      "LOGGING_DISABLED_CHECK": { "enabled": true }
    }
  },
  "scheduledAudits": {
    // To create, to update (the account runs it on Fridays, one check), unchanged.
    "suite-daily-shared": { "frequency": "DAILY", "targetCheckNames": ["DEVICE_CERTIFICATE_SHARED_CHECK"] },
    "suite-weekly-certificates": { "frequency": "WEEKLY", "dayOfWeek": "MON", "targetCheckNames": ["${EXPIRING}", "LOGGING_DISABLED_CHECK"] },
    "suite-monthly-logging": { "frequency": "MONTHLY", "dayOfMonth": "1", "targetCheckNames": ["LOGGING_DISABLED_CHECK"] }
  },
  "suppressions": [
    { "checkName": "${RIG}", "resourceIdentifier": { "clientId": "suite-rig-new" }, "expirationDate": "2031-01-01", "description": "Test rig, until the lab moves" },
    { "checkName": "${RIG}", "resourceIdentifier": { "clientId": "suite-rig-changed" }, "suppressIndefinitely": true, "description": "Test rig, for good" },
    { "checkName": "${RIG}", "resourceIdentifier": { "clientId": "suite-rig-same" }, "suppressIndefinitely": true, "description": "Test rig" }
  ]
}
`;
const FILE_SCHEDULES = ['suite-daily-shared', 'suite-weekly-certificates', 'suite-monthly-logging'];
const FILE_RIGS = ['suite-rig-new', 'suite-rig-changed', 'suite-rig-same'];
/** What suiteSetup adds to the account that the file does not name: kept by the deploy. */
const KEPT_SCHEDULE = 'suite-kept-daily';
const KEPT_RIG = 'suite-kept-rig';

/** The message a stub was shown that starts with `prefix`. */
function messageStarting(stub: { calls: unknown[][] }, prefix: string): string | undefined {
  const call = stub.calls.find((args) => String(args[0]).startsWith(prefix));
  return call ? String(call[0]) : undefined;
}

const clientIdOf = (row: StateRow) => (row.resourceIdentifier as { clientId?: string }).clientId;

suite('The audit loop as code on the bundled emulator: deploy, import, export', () => {
  let iot: IoTClient;
  let before: DescribeAccountAuditConfigurationCommandOutput;
  const file = workspaceFile('audit-loop-suite.mitigation.json');
  const importTarget = workspaceFile('audit-loop-import.mitigation.json');

  suiteSetup(async () => {
    const services = await api();
    await waitFor('the emulator connection', async () => (await services.connections.connection()).label === 'emulator');
    iot = new IoTClient({ endpoint: services.connections.emulator.url, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
    before = await iot.send(new DescribeAccountAuditConfigurationCommand({}));
    // The account as the file's plan expects it: another, disabled SNS target, a 30-day threshold.
    await iot.send(new UpdateAccountAuditConfigurationCommand({
      roleArn: AUDIT_ROLE,
      auditNotificationTargetConfigurations: { SNS: { targetArn: `arn:aws:sns:${EMULATOR_REGION}:${ACCOUNT}:SomewhereElse`, roleArn: AUDIT_ROLE, enabled: false } },
      auditCheckConfigurations: { [EXPIRING]: { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '30' } }, LOGGING_DISABLED_CHECK: { enabled: true }, [RIG]: { enabled: true }, DEVICE_CERTIFICATE_SHARED_CHECK: { enabled: true } },
    }));
    await iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'suite-weekly-certificates', frequency: 'WEEKLY', dayOfWeek: 'FRI', targetCheckNames: [EXPIRING] }));
    await iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'suite-monthly-logging', frequency: 'MONTHLY', dayOfMonth: '1', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    await iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: KEPT_SCHEDULE, frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    await iot.send(new CreateAuditSuppressionCommand({ checkName: RIG, resourceIdentifier: { clientId: 'suite-rig-changed' }, suppressIndefinitely: true, description: 'Test rig, for now' }));
    await iot.send(new CreateAuditSuppressionCommand({ checkName: RIG, resourceIdentifier: { clientId: 'suite-rig-same' }, suppressIndefinitely: true, description: 'Test rig' }));
    await iot.send(new CreateAuditSuppressionCommand({ checkName: RIG, resourceIdentifier: { clientId: KEPT_RIG }, suppressIndefinitely: true, description: 'Kept in the account' }));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(FILE_TEXT));
  });

  suiteTeardown(async () => {
    await closeEditorsDiscarding();
    for (const uri of [file, importTarget]) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
    for (const name of [...FILE_SCHEDULES, KEPT_SCHEDULE]) await iot.send(new DeleteScheduledAuditCommand({ scheduledAuditName: name })).catch(() => undefined);
    for (const clientId of [...FILE_RIGS, KEPT_RIG]) await iot.send(new DeleteAuditSuppressionCommand({ checkName: RIG, resourceIdentifier: { clientId } })).catch(() => undefined);
    await iot.send(new DeleteMitigationActionCommand({ actionName: 'SuiteNotifyAuditLoop' })).catch(() => undefined);
    // The audit configuration as it was (AWS has no way to remove a notification target: a new one is left off).
    await iot.send(new UpdateAccountAuditConfigurationCommand({
      roleArn: before.roleArn,
      auditNotificationTargetConfigurations: { SNS: before.auditNotificationTargetConfigurations?.SNS ?? { enabled: false } },
      auditCheckConfigurations: Object.fromEntries(SUITE_CHECKS.map((check) => [check, before.auditCheckConfigurations?.[check] ?? { enabled: false }])),
    })).catch(() => undefined);
    iot.destroy();
  });

  /** What the account has that the file does not name, per section, read now. */
  async function keptCounts(): Promise<{ actions: number; schedules: string[]; suppressions: number }> {
    const actions = (await iot.send(new ListMitigationActionsCommand({ maxResults: 250 }))).actionIdentifiers ?? [];
    const schedules = (await iot.send(new ListScheduledAuditsCommand({ maxResults: 250 }))).scheduledAudits ?? [];
    const suppressions = (await iot.send(new ListAuditSuppressionsCommand({ maxResults: 250 }))).suppressions ?? [];
    return {
      actions: actions.filter((action) => action.actionName !== 'SuiteNotifyAuditLoop').length,
      schedules: schedules.map((audit) => audit.scheduledAuditName ?? '').filter((name) => !FILE_SCHEDULES.includes(name)).sort(),
      suppressions: suppressions.filter((suppression) => !(suppression.checkName === RIG && FILE_RIGS.includes(suppression.resourceIdentifier?.clientId ?? ''))).length,
    };
  }

  test('the plan says per section what is created, updated, unchanged and kept; cancelling changes nothing', async () => {
    const services = await api();
    const counts = await keptCounts();
    assert.ok(counts.schedules.includes(KEPT_SCHEDULE) && counts.suppressions >= 1, 'the account has schedules and suppressions the file does not name');
    const stateBefore = await emulatorState(services);
    await answering({ showInformationMessage: () => undefined, showWarningMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand('mitigations.deployActions', file), undefined);
      const [question] = modalCalls(stubs.showInformationMessage);
      assert.ok(question, 'the plan is shown before anything changes');
      assert.equal(question[0], `Deploy to emulator: actions: 1 to create, 0 to update, 0 unchanged${keptInAccount(counts.actions)}; `
        + 'audit configuration: update (SNS, DEVICE_CERTIFICATE_EXPIRING_CHECK); '
        + `scheduled audits: 1 to create, 1 to update, 1 unchanged${keptInAccount(counts.schedules.length)}; `
        + `suppressions: 1 to create, 1 to update, 1 unchanged${keptInAccount(counts.suppressions)}?`);
      assert.deepEqual(question.slice(2), ['Deploy']);
      const detail = String((question[1] as { detail: string }).detail);
      assert.match(detail, /^\+ SuiteNotifyAuditLoop\n/);
      assert.match(detail, /\nAudit configuration:\n~ update SNS, DEVICE_CERTIFICATE_EXPIRING_CHECK\nScheduled audits:\n\+ suite-daily-shared\n~ suite-weekly-certificates \(schedule, targetCheckNames\)\n= suite-monthly-logging\nIn the account, not in this file \(kept\): (.+)\nSuppressions:\n/);
      assert.equal(/Scheduled audits:[^]*?\(kept\): (.+)\n/.exec(detail)?.[1], counts.schedules.join(', '));
      assert.match(detail, new RegExp(`\\nSuppressions:\\n\\+ ${RIG} for clientId suite-rig-new\\n~ ${RIG} for clientId suite-rig-changed \\(description\\)\\n= ${RIG} for clientId suite-rig-same\\nIn the account, not in this file \\(kept\\): .*${RIG} for clientId ${KEPT_RIG}`));
      assert.doesNotMatch(detail, /destructive/);
    });
    const stateAfter = await emulatorState(services);
    for (const table of ['mitigationActions', 'scheduledAudits', 'suppressions', 'settings']) assert.deepEqual(stateAfter[table], stateBefore[table], `${table} unchanged after Cancel`);
  });

  test('deploying applies every section (checked in the emulator\'s state); a second deploy has nothing to do', async () => {
    const services = await api();
    const counts = await keptCounts();
    const stateBefore = await emulatorState(services);
    const result = await answering({ showInformationMessage: (_message, _options, button) => button, showWarningMessage: () => undefined }, async (stubs) => {
      const deployed = await vscode.commands.executeCommand<{ applied: number; outcomes: { name: string; result: string }[] }>('mitigations.deployActions', file);
      assert.equal(messageStarting(stubs.showInformationMessage, 'Deployed to'), 'Deployed to emulator: 3 created, 3 updated, 2 unchanged.');
      return deployed;
    });
    assert.deepEqual(result.outcomes.map((outcome) => [outcome.name, outcome.result]), [
      ['SuiteNotifyAuditLoop', 'created'],
      ['audit configuration', 'updated'],
      ['scheduled audit suite-daily-shared', 'created'],
      ['scheduled audit suite-weekly-certificates', 'updated'],
      ['scheduled audit suite-monthly-logging', 'unchanged'],
      [`suppression ${RIG} for clientId suite-rig-new`, 'created'],
      [`suppression ${RIG} for clientId suite-rig-changed`, 'updated'],
      [`suppression ${RIG} for clientId suite-rig-same`, 'unchanged'],
    ]);

    const state = await emulatorState(services);
    const configuration = storedAuditConfiguration(state);
    assert.deepEqual(configuration.notifications.SNS, { targetArn: SUITE_TOPIC, roleArn: AUDIT_ROLE, enabled: true });
    assert.deepEqual(configuration.checks[EXPIRING], { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '45' } });
    const schedules = new Map(stateRows(state, 'scheduledAudits').map((audit) => [audit.scheduledAuditName as string, audit]));
    assert.deepEqual([schedules.get('suite-daily-shared')?.frequency, schedules.get('suite-daily-shared')?.targetCheckNames], ['DAILY', ['DEVICE_CERTIFICATE_SHARED_CHECK']]);
    const weekly = schedules.get('suite-weekly-certificates');
    assert.deepEqual([weekly?.frequency, weekly?.dayOfWeek, weekly?.targetCheckNames], ['WEEKLY', 'MON', [EXPIRING, 'LOGGING_DISABLED_CHECK']]);
    for (const name of counts.schedules) assert.ok(schedules.has(name), `${name}, only in the account, is kept`);
    const suppressions = stateRows(state, 'suppressions');
    assert.equal(suppressions.length, stateRows(stateBefore, 'suppressions').length + 1, 'one suppression created, none deleted');
    const rig = (clientId: string) => suppressions.find((row) => row.checkName === RIG && clientIdOf(row) === clientId);
    assert.deepEqual([rig('suite-rig-new')?.expirationDate, rig('suite-rig-new')?.description], [Date.UTC(2031, 0, 1), 'Test rig, until the lab moves']);
    assert.equal(rig('suite-rig-changed')?.description, 'Test rig, for good');
    assert.equal(rig(KEPT_RIG)?.description, 'Kept in the account');
    assert.ok(stateRows(state, 'mitigationActions').some((action) => action.actionName === 'SuiteNotifyAuditLoop'));

    const again = await answering({ showInformationMessage: () => undefined }, async (stubs) => {
      const deployed = await vscode.commands.executeCommand<{ applied: number; outcomes: { result: string }[] }>('mitigations.deployActions', file);
      assert.equal(modalCalls(stubs.showInformationMessage).length, 0, 'nothing to confirm');
      assert.equal(messageStarting(stubs.showInformationMessage, 'The account is up to date'), `The account is up to date: actions: 0 to create, 0 to update, 1 unchanged${keptInAccount(counts.actions)}; `
        + 'audit configuration: unchanged; '
        + `scheduled audits: 0 to create, 0 to update, 3 unchanged${keptInAccount(counts.schedules.length)}; `
        + `suppressions: 0 to create, 0 to update, 3 unchanged${keptInAccount(counts.suppressions)}.`);
      return deployed;
    });
    assert.equal(again.applied, 0);
    assert.deepEqual([...new Set(again.outcomes.map((outcome) => outcome.result))], ['unchanged']);
  });

  test('Import Audit Loop with no mitigation file open writes the account\'s loop into a new file', async () => {
    await closeEditorsDiscarding();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.importAuditLoop');
    assert.ok(editor, 'a new editor');
    const { document } = editor;
    assert.equal(document.isUntitled, true);
    assert.equal(document.languageId, LANGUAGE_ID);
    const imported = JSON.parse(document.getText()) as { auditConfiguration: { roleArn: string; auditNotificationTargetConfigurations: Record<string, unknown>; auditCheckConfigurations: Record<string, { enabled: boolean }> }; scheduledAudits: Record<string, unknown>; suppressions: StateRow[] };
    assert.equal(imported.auditConfiguration.roleArn, AUDIT_ROLE);
    assert.deepEqual(imported.auditConfiguration.auditNotificationTargetConfigurations.SNS, { targetArn: SUITE_TOPIC, roleArn: AUDIT_ROLE, enabled: true });
    assert.deepEqual(imported.auditConfiguration.auditCheckConfigurations[EXPIRING], { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '45' } });
    assert.ok(Object.values(imported.auditConfiguration.auditCheckConfigurations).every((check) => check.enabled), 'only enabled checks are written');
    const accountSchedules = ((await iot.send(new ListScheduledAuditsCommand({ maxResults: 250 }))).scheduledAudits ?? []).map((audit) => audit.scheduledAuditName).sort();
    assert.deepEqual(Object.keys(imported.scheduledAudits).sort(), accountSchedules);
    assert.deepEqual(imported.scheduledAudits['suite-weekly-certificates'], { frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: [EXPIRING, 'LOGGING_DISABLED_CHECK'] });
    assert.deepEqual(imported.suppressions.find((suppression) => suppression.checkName === RIG && clientIdOf(suppression) === 'suite-rig-new'), { checkName: RIG, resourceIdentifier: { clientId: 'suite-rig-new' }, expirationDate: '2031-01-01T00:00:00.000Z', description: 'Test rig, until the lab moves' });
    const activeSuppressions = ((await iot.send(new ListAuditSuppressionsCommand({ maxResults: 250 }))).suppressions ?? []).filter((suppression) => suppression.suppressIndefinitely || (suppression.expirationDate?.getTime() ?? 0) > Date.now());
    assert.equal(imported.suppressions.length, activeSuppressions.length, 'every active suppression of the account');
    const model = readDocumentModel(document.getText());
    assert.deepEqual(errorsOf(model), [], 'the imported file is a valid mitigation file');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Import Audit Loop into the file in the editor replaces its sections and keeps its comments; deploying the result changes nothing', async () => {
    const original = '{\n  // Owned by the security team: the audit loop below is imported from the account.\n  "scheduledAudits": {\n    "replaced-by-the-import": { "frequency": "DAILY", "targetCheckNames": ["LOGGING_DISABLED_CHECK"] }\n  }\n  // Sections the import adds go above this line.\n}\n';
    await vscode.workspace.fs.writeFile(importTarget, new TextEncoder().encode(original));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(importTarget));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.importAuditLoop');
    assert.equal(editor?.document.uri.toString(), importTarget.toString(), 'the file in the editor is the one edited');
    const text = editor.document.getText();
    assert.ok(text.startsWith('{\n  // Owned by the security team: the audit loop below is imported from the account.\n  "scheduledAudits": {\n'), text);
    assert.match(text, /\n {2}\/\/ Sections the import adds go above this line\.\n\}\n$/);
    assert.doesNotMatch(text, /replaced-by-the-import/);
    assert.equal(editor.document.isDirty, true, 'the edit waits for review: not saved');
    const model = readDocumentModel(text);
    assert.deepEqual([errorsOf(model), warningsOf(model)], [[], []]);
    assert.ok(model.scheduledAudits.some((audit) => audit.name === 'suite-weekly-certificates'));
    assert.ok(model.suppressions.some((suppression) => suppression.resourceIdentifier.clientId === 'suite-rig-new'));
    assert.equal(model.auditConfiguration?.auditNotificationTargetConfigurations?.SNS?.targetArn, SUITE_TOPIC);
    // The account, imported, is what the account has: a deploy of it (unsaved as it is) has nothing to do.
    const deployed = await answering({ showInformationMessage: () => undefined, showWarningMessage: () => undefined }, async (stubs) => {
      const outcome = await vscode.commands.executeCommand<{ applied: number; outcomes: { name: string; result: string }[] }>('mitigations.deployActions', importTarget);
      assert.equal(modalCalls(stubs.showInformationMessage).length + modalCalls(stubs.showWarningMessage).length, 0);
      assert.match(String(messageStarting(stubs.showInformationMessage, 'The account is up to date')), /^The account is up to date: audit configuration: unchanged; scheduled audits: 0 to create, 0 to update, \d+ unchanged; suppressions: 0 to create, 0 to update, \d+ unchanged\.$/);
      return outcome;
    });
    assert.equal(deployed.applied, 0);
    assert.deepEqual(deployed.outcomes.filter((outcome) => outcome.result !== 'unchanged'), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Export as CloudFormation holds the action, the scheduled audits and the audit configuration, and names what it cannot hold', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('mitigations.exportCloudFormation', file);
    assert.ok(editor, 'the template opens');
    assert.equal(editor.document.languageId, 'json');
    const template = JSON.parse(editor.document.getText()) as { AWSTemplateFormatVersion: string; Description: string; Metadata: Record<string, string[]>; Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string }> };
    assert.equal(template.AWSTemplateFormatVersion, '2010-09-09');
    const types = Object.values(template.Resources).map((resource) => resource.Type).sort();
    assert.deepEqual(types, ['AWS::IoT::AccountAuditConfiguration', 'AWS::IoT::MitigationAction', 'AWS::IoT::ScheduledAudit', 'AWS::IoT::ScheduledAudit', 'AWS::IoT::ScheduledAudit']);
    const configuration = template.Resources.AccountAuditConfiguration.Properties;
    assert.deepEqual(configuration.AccountId, { Ref: 'AWS::AccountId' });
    assert.equal(configuration.RoleArn, AUDIT_ROLE);
    assert.deepEqual(configuration.AuditCheckConfigurations, { DeviceCertificateExpiringCheck: { Enabled: true, Configuration: { CertExpirationThresholdInDays: '45' } }, LoggingDisabledCheck: { Enabled: true } });
    assert.deepEqual(configuration.AuditNotificationTargetConfigurations, { Sns: { Enabled: true, RoleArn: AUDIT_ROLE, TargetArn: SUITE_TOPIC } });
    const weekly = Object.values(template.Resources).find((resource) => resource.Properties.ScheduledAuditName === 'suite-weekly-certificates');
    assert.deepEqual(weekly, { Type: 'AWS::IoT::ScheduledAudit', Properties: { ScheduledAuditName: 'suite-weekly-certificates', Frequency: 'WEEKLY', DayOfWeek: 'MON', TargetCheckNames: [EXPIRING, 'LOGGING_DISABLED_CHECK'] }, DependsOn: 'AccountAuditConfiguration' });
    const notInTemplate = template.Metadata['IoTMitigations::NotInThisTemplate'];
    assert.ok(notInTemplate.includes('3 audit suppression(s): CloudFormation has no resource for audit suppressions (deploy them from the mitigation file).'), notInTemplate.join('\n'));
    assert.ok(notInTemplate.some((line) => /disables every audit check the template does not name/.test(line)));
    assert.match(template.Description, /^From audit-loop-suite\.mitigation\.json \(IoT Mitigations\)\. Not in this template: see Metadata IoTMitigations::NotInThisTemplate\.$/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

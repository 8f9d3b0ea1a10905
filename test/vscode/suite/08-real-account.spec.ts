/**
 * A real account through a real AWS profile: the "production" profile's endpoint_url points at an
 * emulator playing account 210987654321 in eu-west-1 (started by the runner), reached through the
 * SDK's own endpoint resolution. Every mutating command asks with a modal naming account and
 * region; cancelling changes nothing (checked through that emulator's state); a certificate-
 * deactivating task needs its id typed; a file with errors is never deployed.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { START_TASK_COMMAND } from '../../../common/lspProtocol';
import { REAL_ACCOUNT, answering, api, modalCalls, realAccountAdmin, realAccountState, waitFor, workspaceFile } from '../helpers';

const WHERE = `account ${REAL_ACCOUNT.id} (${REAL_ACCOUNT.region})`;

async function count(table: string): Promise<number> {
  return ((await realAccountState())[table] ?? []).length;
}

async function mitigationTask(taskId: string): Promise<Record<string, unknown> | undefined> {
  return (await realAccountState()).mitigationTasks?.find(([id]) => id.includes(taskId))?.[1];
}

suite('A real account through a profile (emulator playing 210987654321, eu-west-1)', () => {
  const settings = () => vscode.workspace.getConfiguration('mitigations');
  /** The demo audit the real account starts with (its findings are what tasks mitigate). */
  let demoAuditId = '';

  suiteSetup(async () => {
    // Slow executions down so a started task is still running when the cancel test comes.
    await realAccountAdmin('POST', 'settings', { paceMs: 3000 });
    await settings().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('aws.profile', 'production', vscode.ConfigurationTarget.Global);
    // No region setting: the profile's own region (eu-west-1) must carry through.
    await settings().update('aws.region', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('connection', 'aws', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await settings().update('connection', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('aws.profile', undefined, vscode.ConfigurationTarget.Global);
  });

  test('connects through the profile\'s endpoint_url and shows account and region in the status bar', async () => {
    const services = await api();
    const connection = await waitFor('the production connection', async () => {
      const current = await services.connections.connection();
      return current.accountId === REAL_ACCOUNT.id ? current : undefined;
    });
    assert.equal(connection.region, REAL_ACCOUNT.region);
    assert.equal(connection.endpoint, process.env.MITIGATIONS_TEST_REAL_ACCOUNT_URL);
    // A loopback endpoint answering the emulator's health route: labelled so, confirmed all the same.
    assert.equal(connection.kind, 'local-emulator');
    assert.equal(connection.isRealAccount, true);
    assert.equal(connection.label, `local emulator ${REAL_ACCOUNT.id} ${REAL_ACCOUNT.region}`);
    const text = await waitFor('the status bar', () => (services.statusBar.text.includes(REAL_ACCOUNT.id) ? services.statusBar.text : undefined));
    assert.equal(text, `$(vm) Local emulator ${REAL_ACCOUNT.id} · ${REAL_ACCOUNT.region}`);
    // The requests reached that emulator in eu-west-1: its demo audit is listed.
    const audits = (await realAccountState()).auditTasks ?? [];
    assert.equal(audits.length, 1);
    demoAuditId = audits[0][0];
  });

  test('refuses to deploy a file with errors, lists them with Show Problems, and changes nothing', async () => {
    const before = await count('mitigationActions');
    const result = await answering({ showErrorMessage: () => undefined, showWarningMessage: () => undefined, showInformationMessage: () => undefined }, async (stubs) => {
      const deployed = await vscode.commands.executeCommand('mitigations.deployActions', workspaceFile('mistake.mitigation.json'));
      const [message, ...buttons] = stubs.showErrorMessage.calls[0] ?? [];
      assert.match(String(message), /^mistake\.mitigation\.json has \d+ errors?, so nothing was deployed\. Fix (it|them) first: line \d+: /);
      assert.deepEqual(buttons, ['Show Problems']);
      assert.equal(modalCalls(stubs.showWarningMessage).length + modalCalls(stubs.showInformationMessage).length, 0, 'no deploy confirmation for a file with errors');
      return deployed;
    });
    assert.equal(result, undefined);
    assert.equal(await count('mitigationActions'), before);
  });

  test('refuses to start a task of a file with errors', async () => {
    await answering({ showErrorMessage: () => undefined, showWarningMessage: () => undefined, showQuickPick: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand(START_TASK_COMMAND, workspaceFile('mistake.mitigation.json').toString(), 'any'), undefined);
      assert.match(String(stubs.showErrorMessage.calls[0]?.[0]), /^mistake\.mitigation\.json has 1 error, so nothing was started\. Fix it first: line \d+: /);
      assert.equal(stubs.showQuickPick.calls.length + modalCalls(stubs.showWarningMessage).length, 0);
    });
    assert.equal(await count('mitigationTasks'), 0);
  });

  test('deploy asks with a modal naming account and region; cancelling deploys nothing; a part-way failure says what is now in the account', async () => {
    const uri = workspaceFile('quarantine.mitigation.json');
    await answering({ showWarningMessage: () => undefined }, async (stubs) => {
      await vscode.commands.executeCommand('mitigations.deployActions', uri);
      const [question] = modalCalls(stubs.showWarningMessage);
      assert.equal(question[0], `Deploy 3 mitigation action change(s) (3 to create, 0 to update, 0 unchanged) in ${WHERE}?`);
      assert.match(String((question[1] as { detail: string }).detail), /\+ NotifySecurityTeam\n\+ QuarantineDevice\n\+ DeactivateDeviceCertificate/);
      assert.match(String((question[1] as { detail: string }).detail), /not the one this extension started, so it is confirmed like a real account/);
    });
    assert.equal(await count('mitigationActions'), 0);
    // The service refuses the first create: the others still go, and the report says what is where.
    await realAccountAdmin('POST', 'settings', { injectErrors: { CreateMitigationAction: { errorType: 'InvalidRequestException', count: 1 } } });
    await answering({ showWarningMessage: (_message, _options, button) => button, showInformationMessage: () => undefined, showErrorMessage: () => undefined }, async (stubs) => {
      await vscode.commands.executeCommand('mitigations.deployActions', uri);
      const [report] = stubs.showErrorMessage.calls;
      assert.match(String(report[0]), new RegExp(`^Deploy to ${WHERE.replace(/[()]/g, '\\$&')} did not complete: 2 created, 1 failed\\. NotifySecurityTeam: .*Injected InvalidRequestException for CreateMitigationAction`));
      assert.match(String((report[1] as { detail: string }).detail), /^Now in the account:\n- NotifySecurityTeam NOT created \(.*InvalidRequestException.*\)\n- QuarantineDevice created\n- DeactivateDeviceCertificate created$/);
    });
    assert.deepEqual((await realAccountState()).mitigationActions.map(([, action]) => action.actionName).sort(), ['DeactivateDeviceCertificate', 'QuarantineDevice']);
    await answering({ showWarningMessage: (_message, _options, button) => button, showInformationMessage: () => undefined }, async (stubs) => {
      await vscode.commands.executeCommand('mitigations.deployActions', uri);
      const report = stubs.showInformationMessage.calls.find((call) => String(call[0]).startsWith('Deployed to'));
      assert.ok(report, 'a deploy report');
      assert.equal(report[0], `Deployed to ${WHERE}: 1 created, 2 unchanged.`);
      assert.equal((report[1] as { detail: string }).detail, 'Now in the account:\n- NotifySecurityTeam created\n- QuarantineDevice unchanged\n- DeactivateDeviceCertificate unchanged');
    });
    assert.deepEqual((await realAccountState()).mitigationActions.map(([, action]) => action.actionName).sort(), ['DeactivateDeviceCertificate', 'NotifySecurityTeam', 'QuarantineDevice']);
  });

  test('a file with warnings names them first; going on still asks for the deploy itself', async () => {
    const before = await count('mitigationActions');
    await answering({ showWarningMessage: (message, _options, button) => (String(message).includes('warning') ? button : undefined) }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand('mitigations.deployActions', workspaceFile('warning.mitigation.json')), undefined);
      const [warnings, deploy] = modalCalls(stubs.showWarningMessage);
      assert.equal(warnings[0], 'warning.mitigation.json has 1 warning. Deploy anyway?');
      assert.match(String((warnings[1] as { detail: string }).detail), /^line \d+: "DeviceDefenderFindings" is not an ARN\./);
      assert.equal(warnings[2], 'Deploy Anyway');
      assert.equal(deploy[0], `Deploy 1 mitigation action change(s) (1 to create, 0 to update, 0 unchanged, 3 only in the account (kept)) in ${WHERE}?`);
    });
    assert.equal(await count('mitigationActions'), before);
  });

  test('a task whose action is defined in another workspace file starts without a warning, after the same confirmation', async () => {
    const uri = workspaceFile('cross-file.mitigation.json');
    await answering({ showQuickPick: (items) => (items as vscode.QuickPickItem[]).find((item) => item.description === demoAuditId), showWarningMessage: () => undefined, showInformationMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand(START_TASK_COMMAND, uri.toString(), 'notify-logging'), undefined);
      const [question] = modalCalls(stubs.showWarningMessage);
      // The first modal is the start question: NotifySecurityTeam resolved from quarantine.mitigation.json, no warning.
      assert.match(String(question[0]), new RegExp(`^Start mitigation task notify-logging-\\d{8}T\\d{6}Z on 1 finding of audit ${demoAuditId}: publish 1 finding to SNS, in account ${REAL_ACCOUNT.id} \\(${REAL_ACCOUNT.region}\\)\\?$`));
    });
    assert.equal(await count('mitigationTasks'), 0);
  });

  test('Run Audit asks naming account and region; cancelling starts no audit', async () => {
    await answering({ showWarningMessage: () => undefined }, async (stubs) => {
      const started = await vscode.commands.executeCommand('mitigations.runAudit', ['LOGGING_DISABLED_CHECK']);
      assert.equal(started, undefined);
      assert.equal(modalCalls(stubs.showWarningMessage)[0][0], `Run an on-demand audit of 1 check(s) in ${WHERE}?`);
    });
    assert.equal(await count('auditTasks'), 1);
    const taskId = await answering({ showWarningMessage: (_message, _options, button) => button }, () => vscode.commands.executeCommand<string>('mitigations.runAudit', ['LOGGING_DISABLED_CHECK']));
    assert.ok(taskId);
    assert.equal(await count('auditTasks'), 2);
  });

  let startedTaskId = '';

  test('starting a certificate-deactivating task says what it does, counted from the preview, and needs the typed task id', async () => {
    const uri = workspaceFile('quarantine.mitigation.json');
    const pickDemoAudit = (items: unknown) => (items as vscode.QuickPickItem[]).find((item) => item.description === demoAuditId);
    // 1. The modal is cancelled: nothing starts.
    await answering({ showQuickPick: pickDemoAudit, showWarningMessage: () => undefined, showInputBox: () => undefined, showInformationMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand(START_TASK_COMMAND, uri.toString(), 'quarantine-shared'), undefined);
      const [question] = modalCalls(stubs.showWarningMessage);
      assert.match(String(question[0]), new RegExp(`^Start mitigation task quarantine-shared-\\d{8}T\\d{6}Z on 1 finding of audit ${demoAuditId}: publish 1 finding to SNS, add the things of 1 device certificate to Quarantine, deactivate up to 1 device certificate, in account ${REAL_ACCOUNT.id} \\(${REAL_ACCOUNT.region}\\)\\?$`));
      assert.deepEqual(question.slice(2), ['Start Task', 'Rehearse First']);
      assert.match(String((question[1] as { detail: string }).detail), /DEVICE_CERTIFICATE_SHARED_CHECK: NotifySecurityTeam → QuarantineDevice → DeactivateDeviceCertificate/);
      assert.equal(stubs.showInputBox.calls.length, 0);
    });
    assert.equal(await count('mitigationTasks'), 0);
    // 2. The modal is accepted but the task id is not typed: nothing starts.
    await answering({ showQuickPick: pickDemoAudit, showWarningMessage: (_message, _options, button) => button, showInputBox: () => undefined, showInformationMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand(START_TASK_COMMAND, uri.toString(), 'quarantine-shared'), undefined);
      const [box] = stubs.showInputBox.calls[0] as [vscode.InputBoxOptions];
      assert.match(box.title ?? '', new RegExp(`^Start quarantine-shared-\\d{8}T\\d{6}Z in ${WHERE.replace(/[()]/g, '\\$&')}$`));
      assert.match(box.prompt ?? '', /^DeactivateDeviceCertificate deactivate up to 1 device certificate: devices can lose their connection or permissions\. Type the task id "quarantine-shared-\d{8}T\d{6}Z" to start it\.$/);
      assert.equal(box.validateInput?.('quarantine-shared') !== undefined, true, 'a wrong id is refused');
    });
    assert.equal(await count('mitigationTasks'), 0);
    // 3. The task id typed: it starts in the real account.
    startedTaskId = await answering({ showQuickPick: pickDemoAudit, showWarningMessage: (_message, _options, button) => button, showInputBox: (options) => (options as vscode.InputBoxOptions).placeHolder, showInformationMessage: () => undefined }, async () => (await vscode.commands.executeCommand<string>(START_TASK_COMMAND, uri.toString(), 'quarantine-shared')) ?? '');
    assert.match(startedTaskId, /^quarantine-shared-\d{8}T\d{6}Z$/);
    assert.ok(await mitigationTask(startedTaskId), 'the task is in the real account');
  });

  test('"Rehearse First" never starts the task', async () => {
    const uri = workspaceFile('quarantine.mitigation.json');
    const before = await count('mitigationTasks');
    await answering({ showQuickPick: (items) => (items as vscode.QuickPickItem[])[0], showWarningMessage: (_message, _options, ...buttons) => buttons.find((button) => button === 'Rehearse First'), showErrorMessage: () => undefined, showInformationMessage: () => undefined, showInputBox: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand(START_TASK_COMMAND, uri.toString(), 'quarantine-shared'), undefined);
      const registered = (await vscode.commands.getCommands(true)).includes('mitigations.rehearseTaskFromFile');
      if (!registered) assert.match(String(stubs.showErrorMessage.calls[0]?.[0]), /^Rehearsal is not available: the command mitigations\.rehearseTaskFromFile is not registered in this build\. Nothing was started\.$/);
      assert.equal(stubs.showInputBox.calls.length, 0);
    });
    assert.equal(await count('mitigationTasks'), before);
  });

  test('cancelling a task asks naming account and region; declining leaves it running', async () => {
    assert.ok(startedTaskId, 'the start test ran');
    await answering({ showWarningMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand('mitigations.cancelTask', startedTaskId), false);
      assert.equal(modalCalls(stubs.showWarningMessage)[0][0], `Cancel mitigation task ${startedTaskId} in ${WHERE}?`);
    });
    assert.equal((await mitigationTask(startedTaskId))?.taskStatus, 'IN_PROGRESS');
    await answering({ showWarningMessage: (_message, _options, button) => button }, () => vscode.commands.executeCommand('mitigations.cancelTask', startedTaskId));
    await waitFor('the task canceled in the real account', async () => {
      const task = await mitigationTask(startedTaskId);
      return task?.taskStatus === 'CANCELED' ? task : undefined;
    });
  });

  test('deleting an action asks naming account and region; declining keeps it', async () => {
    await answering({ showWarningMessage: () => undefined }, async (stubs) => {
      assert.equal(await vscode.commands.executeCommand('mitigations.deleteAction', 'NotifySecurityTeam'), false);
      assert.equal(modalCalls(stubs.showWarningMessage)[0][0], `Delete mitigation action NotifySecurityTeam in ${WHERE}?`);
    });
    assert.equal(await count('mitigationActions'), 3);
    await answering({ showWarningMessage: (_message, _options, button) => button }, () => vscode.commands.executeCommand('mitigations.deleteAction', 'NotifySecurityTeam'));
    assert.equal(await count('mitigationActions'), 2);
  });

  test('Reset only ever resets the bundled emulator, never the real account', async () => {
    const before = await realAccountState();
    await answering({ showWarningMessage: (_message, _options, button) => button }, async (stubs) => {
      await vscode.commands.executeCommand('mitigations.resetEmulator');
      assert.equal(modalCalls(stubs.showWarningMessage)[0][0], 'Reset the bundled emulator?');
    });
    const after = await realAccountState();
    assert.deepEqual(after.mitigationActions, before.mitigationActions);
    assert.deepEqual(after.auditTasks.map(([id]) => id), before.auditTasks.map(([id]) => id));
  });
});

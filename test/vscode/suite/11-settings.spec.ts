/**
 * Every setting takes effect when it changes, in the running extension (the table:
 * client/connection/model/settingEffects.ts and docs/extension.md), and the walkthrough's
 * deploy step works when pressed with no editor open.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, emulatorState, EXTENSION_ID, stubWindow, waitFor, workspaceFile } from '../helpers';
import { DEMO } from '../../../emulator/fleet/demo';
import { REAL_ACCOUNT } from '../realAccount';

const settings = () => vscode.workspace.getConfiguration('mitigations');
const set = (key: string, value: unknown) => settings().update(key, value, vscode.ConfigurationTarget.Global);

async function emulatorHealth(url: string): Promise<{ settings: { paceMs: number } }> {
  return (await (await fetch(`${url}/_emulator/health`)).json()) as { settings: { paceMs: number } };
}

suite('Settings take effect when changed', () => {
  test('emulator.pace reaches the running emulator through its admin settings route, without a restart', async () => {
    const services = await api();
    await services.connections.connection();
    const url = services.connections.emulator.url!;
    await set('emulator.pace', 1234);
    try {
      await waitFor('the emulator to pace at 1234 ms', async () => (await emulatorHealth(url)).settings.paceMs === 1234);
      assert.equal(services.connections.emulator.url, url, 'the same emulator process, not a restarted one');
    } finally {
      await set('emulator.pace', undefined);
    }
    await waitFor('the default pace again', async () => (await emulatorHealth(url)).settings.paceMs === 200);
  });

  test('connection, profile and region reconnect at once', async () => {
    const services = await api();
    let reconnects = 0;
    const listener = services.connections.onDidReconnect(() => reconnects++);
    try {
      await set('aws.profile', 'production');
      await set('connection', 'aws');
      const real = await waitFor('the production account', async () => {
        const connection = await services.connections.connection();
        return connection.accountId === REAL_ACCOUNT.id ? connection : undefined;
      });
      assert.equal(real.region, REAL_ACCOUNT.region);
      await set('aws.region', 'eu-central-1');
      await waitFor('the region setting', async () => (await services.connections.connection()).region === 'eu-central-1');
      assert.ok(reconnects >= 3, `${reconnects} reconnects`);
    } finally {
      listener.dispose();
      await set('connection', undefined);
      await set('aws.region', undefined);
      await set('aws.profile', undefined);
    }
    assert.equal((await waitFor('the bundled emulator again', async () => {
      const connection = await services.connections.connection();
      return connection.kind === 'bundled-emulator' ? connection : undefined;
    })).label, 'emulator');
  });

  test('pageSize reloads the Tasks view by itself with the new page size', async () => {
    const services = await api();
    // Two tasks at least, so a page of one ends in "Load more".
    const connection = await services.connections.connection();
    await connection.api.createAction('PageNotify', 'arn:aws:iam::123456789012:role/IoTMitigationActionsRole', { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:DeviceDefenderFindings' } }, undefined);
    for (const taskId of ['page-one', 'page-two']) {
      await connection.api.startTask({ taskId, target: { auditTaskId: DEMO.auditTaskId }, auditCheckToActionsMapping: { REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: ['PageNotify'] }, clientRequestToken: taskId });
    }
    const reloaded = new Promise<void>((resolve) => { const once = services.trees.tasks.onDidChangeTreeData(() => { once.dispose(); resolve(); }); });
    await set('pageSize', 1);
    try {
      await reloaded;
      const kinds = (await services.trees.tasks.getChildren()).map((node) => (services.trees.tasks.getTreeItem(node) as vscode.TreeItem).contextValue);
      assert.equal(kinds.length, 2);
      assert.equal(kinds[1], 'loadMore');
    } finally {
      await set('pageSize', undefined);
    }
  });

  test('codeLens.enabled asks for the open file\'s CodeLens again, which then disappears and comes back', async () => {
    const services = await api();
    const document = await vscode.workspace.openTextDocument(workspaceFile('quarantine.mitigation.json'));
    await vscode.window.showTextDocument(document);
    const client = await services.languageClient.start();
    const provider = await waitFor('the CodeLens provider', () => client.getFeature('textDocument/codeLens').getProvider(document)?.provider);
    const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    await waitFor('CodeLens above the tasks', async () => (await lenses()).length > 0);
    let asked = 0;
    const listener = provider.onDidChangeCodeLenses?.(() => asked++);
    try {
      await set('codeLens.enabled', false);
      await waitFor('VS Code told to ask again', () => asked >= 1);
      assert.equal((await lenses()).length, 0);
    } finally {
      await set('codeLens.enabled', undefined);
    }
    await waitFor('asked again after re-enabling', () => asked >= 2);
    assert.ok((await lenses()).length > 0);
    listener?.dispose();
  });

  test('trace.server switches the protocol trace of the running server on and off', async () => {
    const services = await api();
    const document = await vscode.workspace.openTextDocument(workspaceFile('quarantine.mitigation.json'));
    const lines: string[] = [];
    const log = services.log as unknown as { appendLine: (line: string) => void };
    const appendLine = log.appendLine.bind(services.log);
    log.appendLine = (line: string) => {
      lines.push(line);
      appendLine(line);
    };
    try {
      await set('trace.server', 'messages');
      await waitFor('a traced request', async () => {
        await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri);
        return lines.some((line) => /\[Trace .*\] Sending request 'textDocument\/codeLens/.test(line));
      });
      await set('trace.server', undefined);
      // The level goes out as a notification: wait until the server's answers are no longer traced.
      await waitFor('the trace to stop', async () => {
        lines.length = 0;
        await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri);
        return !lines.some((line) => line.includes('[Trace'));
      });
    } finally {
      log.appendLine = appendLine;
      await set('trace.server', undefined);
    }
  });

  test('emulator.seed offers Reset Emulator…, which loads the new seed', async () => {
    const services = await api();
    const offers = stubWindow('showInformationMessage', (message) => (/seed/.test(String(message)) ? 'Reset Emulator…' : undefined));
    const confirm = stubWindow('showWarningMessage', () => 'Reset');
    const things = async () => (await emulatorState(services)).things?.length ?? 0;
    try {
      assert.ok((await things()) > 0, 'the demo fleet');
      await set('emulator.seed', 'empty');
      await waitFor('the empty seed after the offered reset', async () => (await things()) === 0);
      assert.match(String(offers.calls[0]?.[0]), /Reset it to load the "empty" seed\?/);
      await set('emulator.seed', undefined);
      await waitFor('the demo fleet again', async () => (await things()) > 0);
      assert.equal(confirm.calls.length, 2, 'each reset was confirmed');
    } finally {
      offers.restore();
      confirm.restore();
    }
  });
});

suite('Walkthrough', () => {
  test('"Deploy Actions from This File" pressed with no editor open opens the example and deploys it', async () => {
    const services = await api();
    // The command the step's link runs, read from the manifest as the walkthrough reads it.
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const step = extension.packageJSON.contributes.walkthroughs[0].steps.find((candidate: { id: string }) => candidate.id === 'deploy');
    let description: string = step.description;
    if (description.startsWith('%')) description = JSON.parse(readFileSync(join(extension.extensionPath, 'package.nls.json'), 'utf8'))[description.slice(1, -1)];
    const command = /\(command:([\w.]+)\)/.exec(description)?.[1];
    assert.equal(command, 'mitigations.walkthroughDeploy');
    // Reverted, so no editor asks to be saved.
    for (let open = 0; open < 50 && vscode.window.activeTextEditor; open++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(vscode.window.activeTextEditor, undefined);
    const modal = stubWindow('showInformationMessage', (_message, options) => (typeof options === 'object' && options && 'modal' in options ? 'Deploy' : undefined));
    let result;
    try {
      result = await vscode.commands.executeCommand<{ plan: { steps: { action: { name: string } }[] }; outcomes: { name: string; result: string; reason?: string }[] }>(command);
    } finally {
      modal.restore();
    }
    assert.match((vscode.window.activeTextEditor as vscode.TextEditor | undefined)?.document.uri.path ?? '', /\/examples\/quarantine-workflow\.mitigation\.json$/);
    const names = result?.plan.steps.map((planned) => planned.action.name);
    assert.deepEqual(names, ['NotifySecurityTeam', 'QuarantineDevice', 'DeactivateDeviceCertificate', 'BlankPolicy', 'EnableIoTLogging']);
    const failed = result?.outcomes.filter((outcome) => !['created', 'updated', 'unchanged'].includes(outcome.result));
    assert.deepEqual(failed, [], 'every action of the example deployed');
    const deployed = (await emulatorState(services)).mitigationActions.map(([name]) => name);
    for (const name of names ?? []) assert.ok(deployed.includes(name), `${name} is in the emulator`);
  });
});

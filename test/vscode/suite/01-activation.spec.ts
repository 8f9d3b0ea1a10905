import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, waitFor } from '../helpers';

suite('Activation', () => {
  test('activates and registers every command of the manifest', async () => {
    const services = await api();
    assert.ok(services.connections, 'activate() returns the extension services');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((entry) => entry.command).filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });

  test('connects to the bundled emulator on demand (the default connection)', async () => {
    const services = await api();
    const connection = await services.connections.connection();
    assert.equal(connection.label, 'emulator');
    assert.equal(connection.isRealAccount, false);
    assert.match(services.connections.emulator.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${services.connections.emulator.url}/_emulator/health`);
    assert.equal(health.status, 200);
  });

  test('contributes a walkthrough that opens', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#mitigations.gettingStarted`, false);
    const tabs = await waitFor('the walkthrough tab', () => {
      const labels = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label);
      return labels.some((label) => /welcome|walkthrough/i.test(label)) ? labels : undefined;
    });
    assert.ok(tabs.length > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

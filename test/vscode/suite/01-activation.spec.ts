import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
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

  test('keeps a V8 code cache of the bundles it loaded in its global storage, for the next window', async () => {
    const services = await api();
    const folder = vscode.Uri.joinPath(services.context.globalStorageUri, 'code-cache').fsPath;
    // dist/common.js loads at activation when extensionMain.js requires it; a watch build
    // (`npm start`, which the journey runs) bundles it into each bundle instead.
    const main = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'extensionMain.js').fsPath;
    const bundles = readFileSync(main, 'utf8').includes('"./common.js"') ? ['extensionMain.js', 'common.js'] : ['extensionMain.js'];
    // client/shared/model/codeCache.ts writes it a few seconds after the first load.
    const files = await waitFor(`the code cache files of ${bundles.join(' and ')}`, () => {
      const written = readdirSync(folder);
      return bundles.every((bundle) => written.some((file) => new RegExp(`^${bundle.replace('.', '\\.')}\\.[0-9a-f]{24}\\.cache$`).test(file))) ? written : undefined;
    });
    assert.ok(files.every((file) => file.endsWith('.cache')), `only cache files, no partial writes: ${files.join(', ')}`);
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

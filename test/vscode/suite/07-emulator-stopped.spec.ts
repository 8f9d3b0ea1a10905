import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, stubWindow, waitFor, workspaceFile } from '../helpers';

suite('Emulator stopped', () => {
  test('with the emulator stopped the views show the welcome and commands say so, with a way to start it', async () => {
    const services = await api();
    await vscode.commands.executeCommand('mitigations.stopEmulator');
    assert.equal(services.connections.emulator.running, false);
    assert.deepEqual(await services.trees.actions.getChildren(), [], 'an empty view shows the viewsWelcome');
    assert.equal(services.connections.state, 'emulatorStopped');

    const errors = stubWindow('showErrorMessage', (_message, ...buttons) => buttons[0]);
    try {
      await vscode.commands.executeCommand('mitigations.deployActions', workspaceFile('quarantine.mitigation.json'));
    } finally {
      errors.restore();
    }
    assert.equal(errors.calls.length, 1);
    assert.equal(errors.calls[0][0], 'Deploy failed before any change: The bundled emulator is not running.');
    assert.deepEqual(errors.calls[0].slice(1), ['Start the bundled emulator', 'Select a connection']);

    // The first button started the emulator again; its state survived in global storage.
    await waitFor('the emulator to run again', () => services.connections.emulator.running);
    const nodes = await waitFor('actions after the restart', async () => {
      const children = await services.trees.actions.getChildren();
      return children.length > 0 ? children : undefined;
    });
    const labels = nodes.map((node) => (services.trees.actions.getTreeItem(node) as vscode.TreeItem).label);
    assert.deepEqual(labels, ['NotifySecurityTeam', 'QuarantineDevice']);
  });

  test('reset returns the emulator to its seed after a modal confirmation', async () => {
    const services = await api();
    const modal = stubWindow('showWarningMessage', (_message, options, button) => (typeof options === 'object' ? button : undefined));
    try {
      await vscode.commands.executeCommand('mitigations.resetEmulator');
    } finally {
      modal.restore();
    }
    assert.equal(modal.calls.length, 1);
    services.trees.actions.refresh();
    const nodes = await services.trees.actions.getChildren();
    assert.equal(nodes.length, 1);
    assert.equal((services.trees.actions.getTreeItem(nodes[0]) as vscode.TreeItem).contextValue, 'message');
  });
});

import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { PREVIEW_TASK_COMMAND, REHEARSE_TASK_COMMAND, START_TASK_COMMAND } from '../../../common/lspProtocol';
import { api, waitFor, workspaceFile } from '../helpers';

suite('Language server', () => {
  test('starts with the first mitigation file and reports its mistakes as diagnostics', async () => {
    const services = await api();
    const document = await vscode.workspace.openTextDocument(workspaceFile('mistake.mitigation.json'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'mitigation-json');
    const diagnostics = await waitFor('diagnostics from the server', () => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === 'mitigations');
      return found.length > 0 ? found : undefined;
    });
    assert.ok(services.languageClient.running);
    const templateError = diagnostics.find((diagnostic) => document.getText(diagnostic.range).includes('BLANK'));
    assert.ok(templateError, `expected a diagnostic on "BLANK", got ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    assert.equal(templateError.code, 'enum');
  });

  test('completes enum values from the catalogue', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('mistake.mitigation.json'));
    const offset = document.getText().indexOf('"BLANK"') + 1;
    const completions = await waitFor('completion items', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(offset));
      return list.items.length > 0 ? list : undefined;
    });
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.some((label) => label.includes('BLANK_POLICY')), `got ${labels.join(', ')}`);
  });

  test('offers Start and Preview CodeLens above each task, wired to the extension commands', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('quarantine.mitigation.json'));
    const lenses = await waitFor('CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found.length >= 4 ? found : undefined;
    });
    const commands = lenses.map((lens) => [lens.command?.command, lens.command?.arguments?.[1]]);
    assert.deepEqual(commands.filter(([, task]) => task === 'quarantine-shared').map(([command]) => command).sort(), [PREVIEW_TASK_COMMAND, REHEARSE_TASK_COMMAND, START_TASK_COMMAND].sort());
  });

  test('the CodeLens can be switched off', async () => {
    const settings = vscode.workspace.getConfiguration('mitigations');
    const document = await vscode.workspace.openTextDocument(workspaceFile('quarantine.mitigation.json'));
    await settings.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      assert.equal(lenses.filter((lens) => lens.command?.command.startsWith('mitigations.')).length, 0);
    } finally {
      await settings.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('restarts the language server on demand', async () => {
    const services = await api();
    await vscode.commands.executeCommand('mitigations.restartServer');
    const document = await vscode.workspace.openTextDocument(workspaceFile('mistake.mitigation.json'));
    await waitFor('the server running again', () => services.languageClient.running);
    await waitFor('diagnostics after the restart', () => vscode.languages.getDiagnostics(document.uri).some((diagnostic) => diagnostic.source === 'mitigations'));
  });
});

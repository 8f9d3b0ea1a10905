/** How commands report failures and ask before doing something risky. */
import * as vscode from 'vscode';
import type { Connection, ConnectionManager } from '../connection/connectionManager';
import { accountNotes, changeQuestion, typedPrompt } from '../connection/model/confirmations';
import { accountPhrase } from '../connection/model/connectionClass';
import { remedyCommand, remedyTitle } from './treeNodes';

/** Shows the failure as what it is, with buttons for its remedies. */
export async function showError(connections: ConnectionManager, log: vscode.LogOutputChannel, what: string, error: unknown): Promise<void> {
  const explained = connections.explain(error);
  log.error(`${what}: ${explained.message}`);
  if (error instanceof Error && error.stack) log.debug(error.stack);
  const remedies = explained.remedies.filter((remedy) => remedy !== 'retry');
  const choice = await vscode.window.showErrorMessage(`${what}: ${explained.message}`, ...remedies.map(remedyTitle));
  const remedy = remedies.find((candidate) => remedyTitle(candidate) === choice);
  if (remedy) await vscode.commands.executeCommand(remedyCommand(remedy).command);
}

/** Running things against an account needs a trusted workspace; authoring does not. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('This workspace is not trusted: mitigation files can be edited, but nothing runs against an account until you trust it.'), vscode.l10n.t('Manage Workspace Trust')).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/**
 * The modal every change to a real account goes through (everything but the bundled emulator);
 * it names the account and region, or says the account id is unknown. Cancel is the modal's
 * close affordance.
 */
export async function confirmChange(connection: Connection, summary: string, detail: string, confirmLabel: string): Promise<boolean> {
  if (!connection.isRealAccount) return true;
  const choice = await vscode.window.showWarningMessage(changeQuestion(summary, connection), { modal: true, detail: [detail, ...accountNotes(connection)].filter(Boolean).join('\n\n') }, confirmLabel);
  return choice === confirmLabel;
}

/** The riskiest changes (deactivating certificates, replacing policies) ask to type the task id. */
export async function typedConfirmation(connection: Connection, taskId: string, actionNames: readonly string[], impact: readonly string[]): Promise<boolean> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Start {0} in {1}', taskId, accountPhrase(connection)),
    prompt: typedPrompt(actionNames, impact, taskId),
    placeHolder: taskId,
    ignoreFocusOut: true,
    validateInput: (value) => (value === taskId ? undefined : vscode.l10n.t('Type {0} exactly to confirm.', taskId)),
  });
  return typed === taskId;
}

/** The audit QuickPick of a start or preview whose task leaves the audit open. */
import * as vscode from 'vscode';
import type { Connection } from '../connection/connectionManager';
import { completedAuditChoices } from './model/auditChoices';

/** A recent completed audit, newest first (so the newest is the active item), labelled as in the Audits view. */
export async function pickAudit(connection: Connection, title: string): Promise<string | undefined> {
  const items = await completedAuditChoices(connection);
  if (items.length === 0) {
    const run = vscode.l10n.t('Run Audit Now');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('There is no completed audit to take findings from.'), run);
    if (choice === run) await vscode.commands.executeCommand('mitigations.runAudit');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('The audit whose findings the task mitigates (newest first)'), matchOnDescription: true });
  return picked?.taskId;
}

/** The audit QuickPick of a start or preview whose task leaves the audit open. */
import * as vscode from 'vscode';
import type { Connection } from '../connection/connectionManager';
import { mapLimited, retentionWindow } from '../shared/model/iotApi';
import { formatTime } from '../shared/model/treeModel';

/** A recent completed audit for tasks whose target leaves the audit open. */
export async function pickAudit(connection: Connection, title: string): Promise<string | undefined> {
  const page = await connection.api.listAudits(retentionWindow(), undefined, 50);
  const completed = page.items.filter((audit) => audit.taskStatus === 'COMPLETED');
  if (completed.length === 0) {
    const run = vscode.l10n.t('Run Audit Now');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('There is no completed audit to take findings from.'), run);
    if (choice === run) await vscode.commands.executeCommand('mitigations.runAudit');
    return undefined;
  }
  const described = await mapLimited(completed.slice(0, 10), 5, (audit) => connection.api.describeAudit(audit.taskId ?? '').then((details) => ({ audit, details }), () => ({ audit, details: undefined })));
  const picked = await vscode.window.showQuickPick(described.map(({ audit, details }) => ({
    label: audit.taskId ?? '',
    description: [audit.taskType === 'SCHEDULED_AUDIT_TASK' ? 'scheduled' : 'on-demand', formatTime(details?.taskStartTime)].filter(Boolean).join(' · '),
    detail: details?.taskStatistics ? vscode.l10n.t('{0} non-compliant checks', details.taskStatistics.nonCompliantChecks ?? 0) : undefined,
  })), { title, placeHolder: vscode.l10n.t('The audit whose findings the task mitigates') });
  return picked?.label;
}

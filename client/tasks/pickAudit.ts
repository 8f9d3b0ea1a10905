/** The audit QuickPick of a start or preview whose task leaves the audit open. */
import * as vscode from 'vscode';
import { auditFindingCounts, auditLabel, newestFirst } from '../../common/auditLabel';
import type { Connection } from '../connection/connectionManager';
import { mapLimited, retentionWindow } from '../shared/model/iotApi';

/** Audits described from each end of the listed ones, to label and order them. */
const AUDITS_SHOWN = 10;

/** A recent completed audit, newest first (so the newest is the active item), labelled as in the Audits view. */
export async function pickAudit(connection: Connection, title: string): Promise<string | undefined> {
  const page = await connection.api.listAudits(retentionWindow(), undefined, 250);
  const completed = page.items.filter((audit) => audit.taskStatus === 'COMPLETED');
  if (completed.length === 0) {
    const run = vscode.l10n.t('Run Audit Now');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('There is no completed audit to take findings from.'), run);
    if (choice === run) await vscode.commands.executeCommand('mitigations.runAudit');
    return undefined;
  }
  // ListAuditTasks names no start time and promises no order: describe both ends of the list.
  const ends = [...new Set([...completed.slice(0, AUDITS_SHOWN), ...completed.slice(-AUDITS_SHOWN)])];
  const described = await mapLimited(ends, 5, (audit) => connection.api.describeAudit(audit.taskId ?? '').then((details) => ({ audit, details }), () => ({ audit, details: undefined })));
  const items = newestFirst(described.map(({ audit, details }) => ({ audit, details, startTime: details?.taskStartTime }))).map(({ audit, details }) => ({
    label: auditLabel({ type: audit.taskType, status: audit.taskStatus, startTime: details?.taskStartTime, counts: auditFindingCounts(details?.auditDetails) }),
    description: audit.taskId,
    taskId: audit.taskId ?? '',
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('The audit whose findings the task mitigates (newest first)'), matchOnDescription: true });
  return picked?.taskId;
}

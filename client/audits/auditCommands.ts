/** Run an on-demand audit of the checks enabled in the account. */
import * as vscode from 'vscode';
import { auditCheck } from '../../common';
import type { Services } from '../services';
import { confirmChange, requireTrust, showError } from '../shared/feedback';

export async function runAudit(services: Services, checkNames?: string[]): Promise<string | undefined> {
  if (!requireTrust()) return undefined;
  try {
    const connection = await services.connections.connection();
    let checks = checkNames;
    if (!checks) {
      const enabled = await connection.api.enabledChecks();
      if (enabled.length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No audit check is enabled in {0}: enable checks in the Device Defender audit settings first.', connection.label));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        enabled.map((name) => ({ label: name, description: auditCheck(name)?.severity, detail: auditCheck(name)?.description, picked: true })),
        { title: vscode.l10n.t('Run Audit Now: checks'), canPickMany: true },
      );
      if (!picked?.length) return undefined;
      checks = picked.map((item) => item.label);
    }
    if (!(await confirmChange(connection, vscode.l10n.t('Run an on-demand audit of {0} check(s)', checks.length), checks.join('\n'), vscode.l10n.t('Run Audit')))) return undefined;
    const taskId = await connection.api.startAudit(checks);
    services.log.info(`Started on-demand audit ${taskId} (${checks.join(', ')})`);
    services.trees.audits.follow(taskId);
    services.connections.dataChanged();
    vscode.window.setStatusBarMessage(vscode.l10n.t('Started audit {0}', taskId), 5000);
    return taskId;
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not start the audit'), error);
    return undefined;
  }
}

/**
 * "Rehearse Mitigation Task" (mitigations.rehearseTaskFromFile, args: uri, taskName, optional
 * auditTaskId): reads the task through the document model, asks for the audit when the task
 * leaves it open, runs the task on a local twin of the current connection's account (which is
 * only read) and shows the report.
 */
import * as vscode from 'vscode';
import { readDocumentModel } from '../../common/documentModel';
import { mitigationDocument } from '../authoring/fileDocument';
import { requireTrust, showError } from '../shared/feedback';
import type { Connection } from '../connection/connectionManager';
import { loadSdk } from '../lazyBundles';
import { accountNow, accountWindow } from '../shared/model/accountClock';
import type { Services } from '../services';
import { RehearsalPanel } from './rehearsalPanel';

async function pickCompletedAudit(connection: Connection, taskName: string): Promise<string | undefined> {
  const page = await connection.api.listAudits(await accountWindow(connection), undefined, 50);
  const completed = page.items.filter((audit) => audit.taskStatus === 'COMPLETED' && audit.taskId);
  if (completed.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('There is no completed audit whose findings task {0} could be rehearsed on.', taskName));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    completed.map((audit) => ({ label: audit.taskId!, description: audit.taskType === 'SCHEDULED_AUDIT_TASK' ? vscode.l10n.t('scheduled') : vscode.l10n.t('on-demand') })),
    { title: vscode.l10n.t('Rehearse {0}: which audit?', taskName), placeHolder: vscode.l10n.t('The audit whose findings the task would mitigate') },
  );
  return picked?.label;
}

/** Returns the view of the report it showed, or undefined when the user stopped or it could not run. */
export async function rehearseTaskFromFile(services: Services, uri?: vscode.Uri | string, taskName?: string, auditTaskId?: string): Promise<RehearsalPanel | undefined> {
  if (!requireTrust()) return undefined;
  const document = await mitigationDocument(uri);
  if (!document) return undefined;
  const fileName = vscode.workspace.asRelativePath(document.uri);
  const text = document.getText();
  const name = taskName ?? (await vscode.window.showQuickPick(readDocumentModel(text).tasks.map((task) => task.name), { title: vscode.l10n.t('Rehearse which task?') }));
  if (!name) return undefined;
  // The rehearsal's twin lives in the SDK bundle, loaded on first use.
  let sdk;
  try {
    sdk = loadSdk();
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not rehearse {0}', name), error);
    return undefined;
  }
  const { rehearse, RehearsalError, requestFromFile } = sdk;
  let request;
  try {
    request = requestFromFile(text, name, auditTaskId, fileName);
  } catch (error) {
    const showProblems = vscode.l10n.t('Show Problems');
    const choice = await vscode.window.showErrorMessage((error as Error).message, { modal: false }, showProblems);
    if (choice === showProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
  try {
    const connection = await services.connections.connection();
    if (!request.auditTaskId && !request.target.auditTaskId && !request.target.findingIds?.length) {
      const picked = await pickCompletedAudit(connection, name);
      if (!picked) return undefined;
      request = { ...request, auditTaskId: picked };
    }
    const ready = request;
    const now = await accountNow(connection);
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rehearsing {0} on a local twin of {1} (read-only)…', name, connection.label) },
      () => rehearse(connection.api.client, ready, { now }),
    );
    services.log.info(`Rehearsed ${name} on a twin of ${connection.label}: ${report.taskStatus}, ${report.summary.findingsPredictedToFail} findings predicted to fail`);
    return RehearsalPanel.show(services, report);
  } catch (error) {
    if (error instanceof RehearsalError) {
      void vscode.window.showErrorMessage(error.message);
      return undefined;
    }
    await showError(services.connections, services.log, vscode.l10n.t('Could not rehearse {0}', name), error);
    return undefined;
  }
}

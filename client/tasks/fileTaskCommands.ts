/** The CodeLens commands on a task of a mitigation file: Start task and Preview findings. */
import * as vscode from 'vscode';
import type { ModelTask } from '../../common';
import { gatedFile } from '../authoring/fileDocument';
import { accountNow } from '../shared/model/accountClock';
import type { Services } from '../services';
import { requireTrust, showError } from '../shared/feedback';
import { accountActionTypes, findingsFor } from './accountReads';
import { previewTask, type TaskPreview } from './model/preview';
import { PreviewPanel } from './previewPanel';
import { buildStartInput, needsAuditChoice } from './model/taskStart';
import { pickAudit } from './pickAudit';
import { startPrepared, type FileOrigin } from './startTask';

/** A task of a file read through the document model; a file with errors yields nothing. */
async function fileTask(uri: vscode.Uri | string | undefined, taskName: string | undefined, verb: 'started' | 'previewed'): Promise<{ task: ModelTask; origin: FileOrigin } | undefined> {
  const gated = await gatedFile(uri, verb === 'previewed' ? 'started' : verb);
  if (!gated) return undefined;
  const { document, model, external } = gated;
  const name = taskName ?? (await vscode.window.showQuickPick(model.tasks.map((task) => task.name), { title: vscode.l10n.t('Which task?') }));
  const task = model.tasks.find((candidate) => candidate.name === name);
  if (!task && name) void vscode.window.showErrorMessage(vscode.l10n.t('Task "{0}" is not in {1} (or is not valid yet).', name, vscode.workspace.asRelativePath(document.uri)));
  return task ? { task, origin: { uri: document.uri, taskName: task.name, external } } : undefined;
}

/** The CodeLens "Start task": args [uri, taskName] from the language server. */
export async function startTaskFromFile(services: Services, uri?: vscode.Uri | string, taskName?: string): Promise<string | undefined> {
  if (!requireTrust()) return undefined;
  const found = await fileTask(uri, taskName, 'started');
  if (!found) return undefined;
  const { task, origin } = found;
  try {
    const connection = await services.connections.connection();
    const auditTaskId = needsAuditChoice(task) ? await pickAudit(connection, vscode.l10n.t('Start {0}: which audit?', task.name)) : undefined;
    if (needsAuditChoice(task) && !auditTaskId) return undefined;
    const input = buildStartInput(task, new Date(await accountNow(connection)), auditTaskId);
    return await startPrepared(services, connection, input, await accountActionTypes(connection), origin);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not start task {0}', task.name), error);
    return undefined;
  }
}

/** The CodeLens "Preview findings": which findings would get which actions; nothing runs. */
export async function previewTaskFromFile(services: Services, uri?: vscode.Uri | string, taskName?: string): Promise<TaskPreview | undefined> {
  const found = await fileTask(uri, taskName, 'previewed');
  if (!found) return undefined;
  const { task } = found;
  try {
    const connection = await services.connections.connection();
    const auditTaskId = needsAuditChoice(task) ? await pickAudit(connection, vscode.l10n.t('Preview {0}: which audit?', task.name)) : undefined;
    if (needsAuditChoice(task) && !auditTaskId) return undefined;
    const input = buildStartInput(task, new Date(await accountNow(connection)), auditTaskId);
    const { preview, actionTypes } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing findings for {0}…', task.name) }, async () => {
      const [findings, types] = await Promise.all([findingsFor(connection, input), accountActionTypes(connection)]);
      return { preview: previewTask(input, findings, types), actionTypes: types };
    });
    const title = `${task.name} (${input.target.auditTaskId ? `audit ${input.target.auditTaskId}` : 'listed findings'}, ${connection.label})`;
    PreviewPanel.show(services, task.name, title, preview, actionTypes);
    return preview;
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not preview task {0}', task.name), error);
    return undefined;
  }
}

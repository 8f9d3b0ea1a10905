/**
 * Starting a prepared task: missing actions named, the confirmation on a real account (counted
 * from the preview, with Rehearse First for a file's task), the start, and the watch to its end.
 */
import * as vscode from 'vscode';
import type { MitigationActionType } from '../../common';
import { REHEARSE_TASK_COMMAND } from '../../common/lspProtocol';
import type { Connection } from '../connection/connectionManager';
import { accountNotes, actionsNeedingTypedConfirmation, mappingLines, startQuestion, taskImpact } from '../connection/model/confirmations';
import type { Services } from '../services';
import { typedConfirmation } from '../shared/feedback';
import type { WorkspaceAction } from '../authoring/fileDocument';
import { findingsFor, mappedActionFacts } from './accountReads';
import { previewTask } from './model/preview';
import type { StartTaskInput } from './model/taskStart';

/** Where a start comes from, when it is a task of a file: the rehearsal and deploy need it. */
export interface FileOrigin {
  readonly uri: vscode.Uri;
  readonly taskName: string;
  /** Actions defined in other workspace files, by name. */
  readonly external: ReadonlyMap<string, WorkspaceAction>;
}

function targetWords(input: StartTaskInput): string {
  return input.target.auditTaskId ? vscode.l10n.t('audit {0}', input.target.auditTaskId) : vscode.l10n.t('the listed findings');
}

/** Hands over to the rehearsal command; says so clearly when this build has none. */
async function rehearseInstead(origin: FileOrigin, auditTaskId: string | undefined): Promise<void> {
  if (!(await vscode.commands.getCommands(true)).includes(REHEARSE_TASK_COMMAND)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Rehearsal is not available: the command {0} is not registered in this build. Nothing was started.', REHEARSE_TASK_COMMAND));
    return;
  }
  await vscode.commands.executeCommand(REHEARSE_TASK_COMMAND, origin.uri, origin.taskName, auditTaskId);
}

/** Actions missing from the account: names them, and where the workspace defines them. */
async function reportMissingActions(connection: Connection, missing: readonly string[], origin: FileOrigin | undefined): Promise<void> {
  const homes = [...new Set(missing.map((name) => origin?.external.get(name)?.uri ?? origin?.uri).filter((uri): uri is vscode.Uri => uri !== undefined))];
  const where = homes.length ? ` ${vscode.l10n.t('They are defined in {0}.', homes.map((uri) => vscode.workspace.asRelativePath(uri)).join(', '))}` : '';
  const buttons = homes.map((uri) => vscode.l10n.t('Deploy {0}', vscode.workspace.asRelativePath(uri)));
  const choice = await vscode.window.showErrorMessage(`${vscode.l10n.t('These actions are not in {0}: {1}. Deploy them first.', connection.label, missing.join(', '))}${where}`, ...buttons);
  const index = choice === undefined ? -1 : buttons.indexOf(choice);
  if (index >= 0) await vscode.commands.executeCommand('mitigations.deployActions', homes[index]);
}

/**
 * Starts `input` and watches it to the end. On a real account it first says what will happen,
 * counted from the preview, in which account, and asks for the task id when certificates are
 * deactivated or policies replaced.
 */
export async function startPrepared(services: Services, connection: Connection, input: StartTaskInput, actionTypes: Map<string, MitigationActionType | undefined>, origin?: FileOrigin): Promise<string | undefined> {
  const missing = [...new Set(Object.values(input.auditCheckToActionsMapping).flat())].filter((name) => !actionTypes.has(name));
  if (missing.length) {
    await reportMissingActions(connection, missing, origin);
    return undefined;
  }
  if (connection.isRealAccount) {
    const { preview, facts } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Counting what {0} would change…', input.taskId) }, async () => {
      const [findings, described] = await Promise.all([findingsFor(connection, input), mappedActionFacts(connection, input, actionTypes)]);
      return { preview: previewTask(input, findings, actionTypes), facts: described };
    });
    const impact = taskImpact(preview.rows, facts);
    const detail = [
      vscode.l10n.t('Checks and their actions, applied in order:'),
      ...mappingLines(input.auditCheckToActionsMapping),
      '',
      vscode.l10n.t('Applied actions are not rolled back when a task is canceled.'),
      ...preview.warnings,
      ...accountNotes(connection),
    ].join('\n');
    const start = vscode.l10n.t('Start Task');
    const rehearse = vscode.l10n.t('Rehearse First');
    const choice = await vscode.window.showWarningMessage(startQuestion(input.taskId, preview.mitigated, targetWords(input), impact, connection), { modal: true, detail }, start, ...(origin ? [rehearse] : []));
    if (choice === rehearse && origin) {
      await rehearseInstead(origin, input.target.auditTaskId);
      return undefined;
    }
    if (choice !== start) return undefined;
    const risky = actionsNeedingTypedConfirmation(input.auditCheckToActionsMapping, facts);
    if (risky.length && !(await typedConfirmation(connection, input.taskId, risky, taskImpact(preview.rows.map((row) => ({ ...row, actions: row.actions.filter((name) => risky.includes(name)) })), facts)))) return undefined;
  }
  const taskId = await connection.api.startTask(input);
  services.log.info(`Started mitigation task ${taskId} on ${connection.label}: ${JSON.stringify({ target: input.target, auditCheckToActionsMapping: input.auditCheckToActionsMapping })}`);
  services.taskWatcher.watch(taskId);
  services.connections.dataChanged();
  const details = vscode.l10n.t('Show Details');
  void vscode.window.showInformationMessage(vscode.l10n.t('Started mitigation task {0}.', taskId), details).then((choice) => {
    if (choice === details) void vscode.commands.executeCommand('mitigations.showTaskDetails', taskId);
  });
  return taskId;
}

/** Context-menu commands on actions and tasks in the sidebar: describe, copy, delete. */
import * as vscode from 'vscode';
import type { Connection } from '../connection/connectionManager';
import { copiedActionCommand, copiedTaskCommand } from './model/cliCommand';
import type { Services } from '../services';
import type { ActionNode } from './actionsTree';
import type { TaskNode } from '../tasks/tasksTree';
import { confirmChange, requireTrust, showError } from '../shared/feedback';

function actionName(node: ActionNode | string | undefined): string | undefined {
  return typeof node === 'string' ? node : node?.action.actionName;
}

/** DescribeMitigationAction as a read-only JSON document. */
export async function describeAction(services: Services, node?: ActionNode | string): Promise<void> {
  const name = actionName(node);
  if (!name) return;
  try {
    const connection = await services.connections.connection();
    const { $metadata: _metadata, ...described } = await connection.api.describeAction(name);
    await services.documents.show(`${name}.action.json`, `${JSON.stringify(described, null, 2)}\n`);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not describe {0}', name), error);
  }
}

export async function copyActionArn(node?: ActionNode): Promise<void> {
  if (!node?.action.actionArn) return;
  await vscode.env.clipboard.writeText(node.action.actionArn);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', node.action.actionArn), 3000);
}

/** Copies the AWS CLI command that `render` builds from what the account says about `what`. */
async function copyCliCommand(services: Services, what: string, render: (connection: Connection) => Promise<string>): Promise<string | undefined> {
  try {
    const command = await render(await services.connections.connection());
    await vscode.env.clipboard.writeText(command);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the AWS CLI command for {0}', what), 3000);
    return command;
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not describe {0}', what), error);
    return undefined;
  }
}

export function copyActionAsCli(services: Services, node?: ActionNode | string): Promise<string | undefined> {
  const name = actionName(node);
  if (!name) return Promise.resolve(undefined);
  return copyCliCommand(services, name, async (connection) => {
    const described = await connection.api.describeAction(name);
    const tags = described.actionArn ? await connection.api.listTags(described.actionArn) : [];
    return copiedActionCommand(described, tags, connection.cli);
  });
}

export function copyTaskAsCli(services: Services, node?: TaskNode | string): Promise<string | undefined> {
  const taskId = typeof node === 'string' ? node : node?.taskId;
  if (!taskId) return Promise.resolve(undefined);
  return copyCliCommand(services, taskId, async (connection) => {
    return copiedTaskCommand(await connection.api.describeTask(taskId), connection.cli);
  });
}

/** Deleting always asks (modal, Cancel as the close affordance); on AWS it names account and region. */
export async function deleteAction(services: Services, node?: ActionNode | string): Promise<boolean> {
  const name = actionName(node);
  if (!name || !requireTrust()) return false;
  try {
    const connection = await services.connections.connection();
    const remove = vscode.l10n.t('Delete');
    const detail = vscode.l10n.t('Tasks that map checks to "{0}" can no longer start until it is deployed again.', name);
    const confirmed = connection.isRealAccount
      ? await confirmChange(connection, vscode.l10n.t('Delete mitigation action {0}', name), detail, remove)
      : (await vscode.window.showWarningMessage(vscode.l10n.t('Delete mitigation action {0} from {1}?', name, connection.label), { modal: true, detail }, remove)) === remove;
    if (!confirmed) return false;
    await connection.api.deleteAction(name);
    services.log.info(`Deleted mitigation action ${name} from ${connection.label}`);
    services.connections.dataChanged();
    return true;
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not delete {0}', name), error);
    return false;
  }
}
